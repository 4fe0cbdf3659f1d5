import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, PINNED, SERVER_KEYS, SHELL_AWS, captureEndpoint, count, lab, trust } from './harness.js'

const client = ensureClient('gemini')
const both = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr
const connected = (out: string) => SERVER_KEYS.filter((k) => new RegExp(`^✓ ${k}: .* - Connected$`, 'm').test(out))

describe(`Gemini CLI ${'skip' in client ? '(not runnable here)' : client.version}`, () => {
  if ('skip' in client) { it('skipped', (ctx) => ctx.skip(`Gemini CLI: ${client.skip}`)); return }
  console.log(`real-client tier: checked ${client.pkg}@${client.version}`)

  it('trusted: four servers connected with the shell keys it would drop, four skills, GEMINI.md once', async () => {
    const l = await lab(client)
    await trust(l, 'gemini')
    expect(l.add(['--agent', 'gemini', ...FACTS]).code).toBe(0)
    const list = both(l.run(['mcp', 'list']))
    expect(connected(list)).toEqual(SERVER_KEYS)
    for (const key of SERVER_KEYS) expect(list).toContain(`${key}: uvx ${PINNED[key]}`)
    for (const key of SERVER_KEYS) {
      const started = (await l.launches()).find((x) => x.argv[0] === PINNED[key])!
      // Gemini drops *KEY*/*TOKEN*/*SECRET* from the inherited environment; the entry's references bring them back.
      expect(started.env).toMatchObject(SHELL_AWS)
    }
    const skills = both(l.run(['skills', 'list']))
    for (const skill of ['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb']) {
      expect(count(skills, `\n${skill} [Enabled]`), skill).toBe(1)
    }
    await mkdir(join(l.home, '.gemini'), { recursive: true })
    await writeFile(join(l.home, '.gemini/settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }))
    const model = await captureEndpoint(l.root)
    l.run(['-p', 'hi'], { env: { GEMINI_API_KEY: 'test-not-a-key', GOOGLE_GEMINI_BASE_URL: model.url }, timeoutMs: 120_000 })
    const last = (await model.bodies()).at(-1) ?? ''
    expect(last.includes(`Context from: ${join(l.dir, 'GEMINI.md')}`), 'GEMINI.md in the prompt').toBe(true)
    expect(count(last, 'Aurora DSQL in this project')).toBe(1)
  })

  it('docker: ${HOME} in the mount is expanded by Gemini to the home of the user who runs it', async () => {
    const l = await lab(client)
    await trust(l, 'gemini')
    expect(l.add(['--agent', 'gemini', '--runtime', 'docker', '--profile', 'dev', ...FACTS]).code).toBe(0)
    expect(await readFile(join(l.dir, '.gemini/settings.json'), 'utf8')).toContain('"${HOME}/.aws:/app/.aws:ro"')
    expect(connected(both(l.run(['mcp', 'list'])))).toEqual(SERVER_KEYS)
    const started = (await l.launches()).filter((x) => x.launcher === 'docker')
    expect(started).toHaveLength(4)
    for (const s of started) expect(s.argv).toEqual(expect.arrayContaining(['-v', `${l.home}/.aws:/app/.aws:ro`, '-e', 'AWS_PROFILE']))
  })

  it('untrusted: no server, and add says exactly how to trust the folder', async () => {
    const l = await lab(client)
    const r = l.add(['--agent', 'gemini', ...FACTS])
    expect(r.stdout + r.stderr).toContain(`"${l.dir}": "TRUST_FOLDER"`)
    expect(connected(both(l.run(['mcp', 'list'])))).toEqual([])
  })

  it("a user's settings.json with comments and another server keeps both; a trailing comma is refused as Gemini refuses it", async () => {
    const bad = '{\n  "mcpServers": {\n    "team-tool": { "command": "uvx", "args": ["team-tool@1.0.0"] },\n  }\n}\n'
    const b = await lab(client, { '.gemini/settings.json': bad })
    await trust(b, 'gemini')
    expect(both(b.run(['mcp', 'list']))).toContain('Please fix the configuration file(s) and try again')
    const r = b.add(['--agent', 'gemini', ...FACTS])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Gemini CLI reads this file as JSON with comments but no trailing commas')
    expect(await readFile(join(b.dir, '.gemini/settings.json'), 'utf8')).toBe(bad)

    const mine = '{\n  // my settings\n  "mcpServers": {\n    "team-tool": { "command": "uvx", "args": ["team-tool@1.0.0"] } // team\n  }\n}\n'
    const l = await lab(client, { '.gemini/settings.json': mine })
    await trust(l, 'gemini')
    expect(l.add(['--agent', 'gemini', ...FACTS]).code).toBe(0)
    expect(await readFile(join(l.dir, '.gemini/settings.json'), 'utf8')).toContain('// my settings')
    const list = both(l.run(['mcp', 'list']))
    expect(connected(list)).toEqual(SERVER_KEYS)
    expect(list).toMatch(/^✓ team-tool: .* - Connected$/m)
  })
})
