/**
 * Fault injection through the built CLI: for every operation index of a representative add, update and remove,
 * the process is killed (SIGKILL) or fails there (an injected error, as a full disk would). Then every file must be
 * either as before or as after a clean run, and the same command run again must finish with exactly the disk of a
 * clean run, no temp file, no journal and no lock left. Two runs started together must both land.
 */
import { spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { contentHash } from '../../src/core/fs/hash.js'
import { BIN, dbskills } from '../helpers/cli.js'
import { disk } from '../helpers/disk.js'

const ADD = ['add', 'dsql', '--agent', 'kiro,claude-code,cursor,codex', '--cluster-endpoint', 'abcdefghijklmnopqrstuvwxyz.dsql.us-west-2.on.aws', '--region', 'us-west-2', '--yes']
const isRunFile = (rel: string) => rel === '.dbskills-journal.json' || rel === '.dbskills.lock' || /\.dbskills-[a-z0-9-]+\.(tmp|stage)(\/|$)/.test(rel)

async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'dbskills-fault-'))
  onTestFinished(() => rm(d, { recursive: true, force: true }))
  return d
}

/** A project where `update` has real work: an older SKILL.md in both copies, and a recorded region to re-render. */
async function agedInstall(dir: string): Promise<void> {
  expect(dbskills(ADD, { cwd: dir }).code).toBe(0)
  const recPath = join(dir, '.agents/dbskills-lock.json')
  const rec = JSON.parse(await readFile(recPath, 'utf8'))
  for (const loc of rec.skills.dsql.locations) {
    if (loc.type !== 'copy') continue
    await writeFile(join(dir, loc.path, 'SKILL.md'), 'an older SKILL.md\n')
    loc.files['SKILL.md'] = contentHash(Buffer.from('an older SKILL.md\n'))
  }
  rec.skills.dsql.layers.options.region = 'us-east-1'
  rec.skills.dsql.layers.options.clusterEndpoint = 'abcdefghijklmnopqrstuvwxyz.dsql.us-east-1.on.aws'
  await writeFile(recPath, JSON.stringify(rec, null, 2))
}

const SCENARIOS: { name: string; args: string[]; prepare: (dir: string) => Promise<void> }[] = [
  { name: 'add', args: ADD, prepare: async (dir) => { await writeFile(join(dir, 'CLAUDE.md'), '# Team notes\n'); await writeFile(join(dir, '.mcp.json'), '{\n  "mcpServers": {\n    "mine": { "command": "x" }\n  }\n}\n') } },
  { name: 'update', args: ['update'], prepare: agedInstall },
  { name: 'remove', args: ['remove', 'dsql'], prepare: async (dir) => { expect(dbskills(ADD, { cwd: dir }).code).toBe(0) } },
]

describe.each(SCENARIOS)('interrupting $name at every operation', ({ args, prepare }) => {
  it('leaves every file old or new, and the same command then completes exactly', async () => {
    const template = await tmp()
    await prepare(template)
    const before = await disk(template)
    const clean = await tmp()
    await cp(template, clean, { recursive: true, verbatimSymlinks: true })
    const r = dbskills(args, { cwd: clean })
    expect(r.code, r.stderr).toBe(0)
    const after = await disk(clean)
    expect(after).not.toEqual(before)
    let stopped = 0
    for (const how of ['kill', 'error'] as const) {
      for (let at = 0; ; at++) {
        const dir = await tmp()
        await cp(template, dir, { recursive: true, verbatimSymlinks: true })
        const run = dbskills(args, { cwd: dir, env: { DBSKILLS_FAULT: `${how}:${at}` } })
        if (run.code === 0) break // past the last operation: nothing left to interrupt
        stopped++
        if (how === 'error') expect(run.stderr).toMatch(/re-run any dbskills add, update or remove here: it first finishes this interrupted run/)
        const mid = await disk(dir, isRunFile)
        for (const path of new Set([...Object.keys(mid), ...Object.keys(before), ...Object.keys(after)]))
          expect([before[path], after[path]], `${how}:${at} ${path}`).toContain(mid[path])
        const again = dbskills(args, { cwd: dir })
        expect(again.code, `${how}:${at}\n${again.stdout}\n${again.stderr}`).toBe(0)
        expect(await disk(dir), `${how}:${at}`).toEqual(after)
      }
    }
    expect(stopped).toBeGreaterThan(8)
  }, 900_000)
})

function runAsync(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    p.stderr.on('data', (d) => { stderr += String(d) })
    p.on('close', (code) => resolve({ code: code ?? -1, stderr }))
  })
}

describe('two runs at once', () => {
  it('add dsql and add dynamodb started together both land, and the record lists both', async () => {
    for (let round = 0; round < 4; round++) {
      const dir = await tmp()
      const [a, b] = await Promise.all([
        runAsync(['add', 'dsql', '--agent', 'claude-code,kiro', '--yes'], dir),
        runAsync(['add', 'dynamodb', '--agent', 'claude-code,kiro', '--yes'], dir),
      ])
      expect(a.code, a.stderr).toBe(0)
      expect(b.code, b.stderr).toBe(0)
      const rec = JSON.parse(await readFile(join(dir, '.agents/dbskills-lock.json'), 'utf8'))
      expect(Object.keys(rec.skills).sort()).toEqual(['dsql', 'dynamodb'])
      const mcp = JSON.parse(await readFile(join(dir, '.mcp.json'), 'utf8'))
      expect(Object.keys(mcp.mcpServers).sort()).toEqual(['aurora-dsql', 'dynamodb'])
      expect(dbskills(['doctor'], { cwd: dir }).code).toBe(0)
      expect(Object.keys(await disk(dir)).filter(isRunFile)).toEqual([])
    }
  })
})
