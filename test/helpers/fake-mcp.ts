/**
 * A fake MCP server put on PATH as `uvx` and `docker`: it answers `initialize`, `tools/list` and `ping` over stdio
 * (newline-delimited JSON-RPC, the MCP stdio transport) and appends one JSON line per start to a log: its argv and
 * its environment. The log path is baked into the wrapper script, because Codex passes the server only HOME, PATH
 * and the configured env, so a path taken from the environment would not arrive.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const SERVER = String.raw`
import { appendFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
const [log, launcher, ...argv] = process.argv.slice(2)
appendFileSync(log, JSON.stringify({ launcher, argv, env: process.env, cwd: process.cwd() }) + '\n')
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n')
const rl = createInterface({ input: process.stdin })
rl.on('line', (line) => {
  let msg
  try { msg = JSON.parse(line) } catch { return }
  if (msg.id === undefined) return
  if (msg.method === 'initialize') {
    send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake-' + (argv[0] ?? 'server'), version: '0.0.0' } } })
  } else if (msg.method === 'tools/list') {
    send({ jsonrpc: '2.0', id: msg.id, result: { tools: [{ name: 'fake_tool', description: 'Fake tool of the dbskills test server.', inputSchema: { type: 'object', properties: {} } }] } })
  } else if (msg.method === 'ping') {
    send({ jsonrpc: '2.0', id: msg.id, result: {} })
  } else if (msg.method === 'resources/list' || msg.method === 'prompts/list' || msg.method === 'resources/templates/list') {
    const key = msg.method === 'resources/list' ? 'resources' : msg.method === 'prompts/list' ? 'prompts' : 'resourceTemplates'
    send({ jsonrpc: '2.0', id: msg.id, result: { [key]: [] } })
  } else {
    send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found: ' + msg.method } })
  }
})
`

export interface FakeLaunch {
  launcher: 'uvx' | 'docker'
  argv: string[]
  env: Record<string, string>
  cwd: string
}

/** Writes `uvx` and `docker` into `<dir>/bin`; returns that dir (put it first on PATH) and the log path. */
export async function installFakeLaunchers(dir: string): Promise<{ binDir: string; log: string }> {
  const binDir = join(dir, 'bin')
  const log = join(dir, 'launches.jsonl')
  await mkdir(binDir, { recursive: true })
  const script = join(dir, 'fake-mcp-server.mjs')
  await writeFile(script, SERVER)
  await writeFile(log, '')
  for (const launcher of ['uvx', 'docker'] as const) {
    const path = join(binDir, launcher)
    await writeFile(path, `#!/bin/sh\nexec '${process.execPath}' '${script}' '${log}' ${launcher} "$@"\n`)
    await chmod(path, 0o755)
  }
  return { binDir, log }
}

/** Every recorded start, in order. */
export async function readLaunches(log: string): Promise<FakeLaunch[]> {
  const text = await readFile(log, 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as FakeLaunch)
}
