import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, PINNED, SERVER_KEYS, SHELL_AWS, captureEndpoint, count, lab } from './harness.js'

const client = ensureClient('qwen')
const both = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr
const state = (out: string, key: string) => new RegExp(`${key}: uvx ${PINNED[key]!.replace(/\./g, '\\.')}.* - (.+)$`, 'm').exec(out)?.[1]

describe(`Qwen Code ${'skip' in client ? '(not runnable here)' : client.version}`, () => {
  if ('skip' in client) { it('skipped', (ctx) => ctx.skip(`Qwen Code: ${client.skip}`)); return }
  console.log(`real-client tier: checked ${client.pkg}@${client.version}`)

  it('reads the project .mcp.json: pending until approved exactly as add says, then four servers connected', async () => {
    const l = await lab(client)
    const r = l.add(['--agent', 'qwen', ...FACTS])
    expect(r.code).toBe(0)
    expect(r.stdout + r.stderr).toContain('`qwen mcp approve --all`')
    const before = both(l.run(['mcp', 'list']))
    for (const key of SERVER_KEYS) expect(state(before, key), key).toBe('Pending approval')
    expect(both(l.run(['mcp', 'approve', '--all']))).toContain('Approved MCP server "aurora-dsql"')
    const after = both(l.run(['mcp', 'list']))
    for (const key of SERVER_KEYS) expect(state(after, key), key).toBe('Connected')
    for (const key of SERVER_KEYS) {
      const started = (await l.launches()).find((x) => x.argv[0] === PINNED[key])!
      expect(started.env).toMatchObject(SHELL_AWS)
    }
    // The first request Qwen Code would send (to a stand-in OpenAI-compatible endpoint): AGENTS.md once, four skills.
    await mkdir(join(l.home, '.qwen'), { recursive: true })
    await writeFile(join(l.home, '.qwen/settings.json'), JSON.stringify({ security: { auth: { selectedType: 'openai' } }, model: { name: 'qwen3-coder-plus' } }))
    const model = await captureEndpoint(l.root)
    l.run(['-p', 'hi'], { env: { OPENAI_API_KEY: 'test-not-a-key', OPENAI_BASE_URL: `${model.url}/v1`, OPENAI_MODEL: 'qwen3-coder-plus' }, timeoutMs: 120_000 })
    const first = (await model.bodies())[0] ?? ''
    expect(count(first, '--- Context from: AGENTS.md ---')).toBe(1)
    expect(count(first, 'Aurora DSQL in this project')).toBe(1)
    for (const skill of ['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb']) expect(count(first, `<name>\\n${skill}\\n</name>`), skill).toBe(1)
  })
})
