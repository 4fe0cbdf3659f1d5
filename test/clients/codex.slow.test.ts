import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, PINNED, SERVER_KEYS, SHELL_AWS, codexAppServer, count, lab, trust } from './harness.js'

const client = ensureClient('codex')

describe(`Codex ${'skip' in client ? '(not runnable here)' : client.version}`, () => {
  if ('skip' in client) { it('skipped', (ctx) => ctx.skip(`Codex: ${client.skip}`)); return }
  console.log(`real-client tier: checked ${client.pkg}@${client.version}`)

  it('trusted: four servers with env_vars and a startup timeout, four skills, AGENTS.md once, servers connected with the shell keys', async () => {
    const l = await lab(client)
    await trust(l, 'codex')
    expect(l.add(['--agent', 'codex', ...FACTS]).code).toBe(0)
    const list = JSON.parse(l.run(['mcp', 'list', '--json']).stdout) as { name: string; startup_timeout_sec: number; transport: { args: string[]; env_vars: string[] } }[]
    expect(list.map((s) => s.name).sort()).toEqual(SERVER_KEYS)
    for (const s of list) {
      expect(s.transport.args[0]).toBe(PINNED[s.name])
      expect(s.startup_timeout_sec).toBe(120)
      expect(s.transport.env_vars).toEqual(expect.arrayContaining(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']))
    }
    const prompt = l.run(['debug', 'prompt-input']).stdout
    expect(prompt).toContain(`AGENTS.md instructions for ${l.dir}`)
    expect(count(prompt, 'Aurora DSQL in this project')).toBe(1)
    for (const skill of ['dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql']) expect(count(prompt, `- ${skill}: `), skill).toBe(1)

    const { skills, status } = await codexAppServer(client, l, l.dir) as { skills: any; status: any }
    // Codex also lists its own system skills; ours are the ones under the project.
    expect(skills.data[0].skills.filter((s: object) => JSON.stringify(s).includes(`${l.dir}/.agents/skills/`)).map((s: { name: string }) => s.name).sort()).toEqual(['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb'])
    expect(status.data.map((s: { name: string; runtimeStatus: string }) => `${s.name} ${s.runtimeStatus}`).sort()).toEqual(SERVER_KEYS.map((k) => `${k} connected`))
    for (const key of SERVER_KEYS) {
      const started = (await l.launches()).find((x) => x.argv[0] === PINNED[key])!
      // Codex passes HOME, PATH, the entry's env and the env_vars names: the shell keys arrive, nothing else does.
      expect(started.env).toMatchObject({ ...SHELL_AWS, FASTMCP_LOG_LEVEL: 'ERROR' })
      expect(started.env.CI).toBeUndefined()
    }
  })

  it('untrusted: the project config is ignored, and add says exactly how to trust the folder', async () => {
    const l = await lab(client)
    const r = l.add(['--agent', 'codex', ...FACTS])
    expect(r.stdout + r.stderr).toContain(`[projects."${l.dir}"] trust_level = "trusted"`)
    expect(JSON.parse(l.run(['mcp', 'list', '--json']).stdout)).toEqual([])
  })

  it("a user's config.toml with comments and another server keeps both", async () => {
    const mine = '# my codex settings\nmodel = "o3"\n\n[mcp_servers.team-tool] # ours\ncommand = "uvx"\nargs = ["team-tool@1.0.0"]\n'
    const l = await lab(client, { '.codex/config.toml': mine })
    await trust(l, 'codex')
    expect(l.add(['--agent', 'codex', ...FACTS]).code).toBe(0)
    const text = await readFile(join(l.dir, '.codex/config.toml'), 'utf8')
    expect(text.startsWith(mine)).toBe(true)
    const names = (JSON.parse(l.run(['mcp', 'list', '--json']).stdout) as { name: string }[]).map((s) => s.name).sort()
    expect(names).toEqual([...SERVER_KEYS, 'team-tool'].sort())
    await writeFile(join(l.dir, 'unused'), '')
  })
})
