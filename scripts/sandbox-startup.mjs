#!/usr/bin/env node
// Start-up time of `dbskills sandbox dsql` (issue 12, goal < 3 s): from spawn to the `initialize` answer, and to the
// first query's rows (PGlite open + dsql-lint + the query), on a fresh data directory (first start: a copy of the
// packaged database template, or initdb without one) and on the same directory again (later starts). Median of N
// runs, with the load average printed beside it.
// Usage: npm run build && node scripts/sandbox-startup.mjs [--runs 5]
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'dbskills.cjs')
const i = process.argv.indexOf('--runs')
const runs = Math.max(1, i > 0 ? Number(process.argv[i + 1]) : 5)

function once(dir) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6
    const child = spawn(process.execPath, [bin, 'sandbox', 'dsql', '--dir', dir], { stdio: ['pipe', 'pipe', 'ignore'] })
    const out = {}
    let buf = ''
    child.stdout.on('data', (d) => {
      buf += d
      let nl
      while ((nl = buf.indexOf('\n')) !== -1) {
        const msg = JSON.parse(buf.slice(0, nl))
        buf = buf.slice(nl + 1)
        if (msg.id === 1) out.initialize = ms()
        if (msg.id === 2) {
          out.firstQuery = ms()
          if (msg.result?.isError) reject(new Error(JSON.stringify(msg.result)))
          child.stdin.end()
        }
      }
    })
    child.on('close', () => resolve(out))
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`)
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`)
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'readonly_query', arguments: { sql: 'SELECT 1 AS one' } } })}\n`)
  })
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 }
const fresh = []
const again = []
for (let r = 0; r < runs; r++) {
  const dir = mkdtempSync(join(tmpdir(), 'dbskills-sandbox-bench-'))
  try {
    fresh.push(await once(dir))
    again.push(await once(dir))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
const row = (label, xs) => console.log(`${label.padEnd(34)} initialize ${median(xs.map((x) => x.initialize)).toFixed(0).padStart(6)} ms   first query ${median(xs.map((x) => x.firstQuery)).toFixed(0).padStart(6)} ms`)
console.log(`median of ${runs} runs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
row('fresh data dir (first start)', fresh)
row('existing data dir (reopen)', again)
