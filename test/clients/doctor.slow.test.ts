import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbskills } from '../helpers/cli.js'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, SERVER_KEYS, lab, trust } from './harness.js'

const codex = ensureClient('codex')

// `dbskills doctor --clients` with the real Codex on PATH: what it reports must be what Codex itself says.
describe('dbskills doctor --clients (Codex)', () => {
  if ('skip' in codex) { it('skipped', (ctx) => ctx.skip(`Codex: ${codex.skip}`)); return }

  it('untrusted: the servers are "not seen" with the exact trust step; trusted: every layer seen', async () => {
    const l = await lab(codex)
    expect(l.add(['--agent', 'codex', ...FACTS]).code).toBe(0)
    const env = { HOME: l.home, PATH: `${dirname(codex.bin)}:${l.binDir}:${process.env.PATH}` }
    const doctor = () => dbskills(['doctor', '--clients', '--json', '--dir', l.dir], { env })
    const before = doctor()
    expect(before.code).toBe(1)
    const items = (r: { stdout: string }) => (JSON.parse(r.stdout).clients as { client: string; items: { layer: string; name: string; status: string; fix?: string }[] }[])[0]!.items
    const mcp = items(before).filter((i) => i.layer === 'mcp')
    expect(mcp.map((i) => `${i.name} ${i.status}`)).toEqual(SERVER_KEYS.map((k) => `${k} not seen`))
    expect(mcp[0]!.fix).toContain(`[projects."${l.dir}"] trust_level = "trusted"`)

    await trust(l, 'codex')
    const after = doctor()
    expect(after.code, after.stdout + after.stderr).toBe(0)
    expect(items(after).map((i) => `${i.layer} ${i.name} ${i.status}`)).toEqual([
      ...['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb'].map((s) => `skill ${s} seen`),
      'steering AGENTS.md seen',
      ...SERVER_KEYS.map((k) => `mcp ${k} seen`),
    ])
  })
})
