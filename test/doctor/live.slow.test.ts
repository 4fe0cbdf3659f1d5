// `dbskills doctor --live` against fake MCP servers: a real install writes the client configs, the test swaps the
// launcher for node + a fake server (keeping the args the config gives uvx), and doctor starts it as the client would.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runAdd } from '../../src/cli/commands/add.js'
import { runDoctor } from '../../src/cli/commands/doctor.js'
import { captureIO, project } from '../helpers/project.js'
import { dbskills } from '../helpers/cli.js'

const FAKE = fileURLToPath(new URL('./fixtures/fake-mcp-server.mjs', import.meta.url))
const SDK_FAKE = fileURLToPath(new URL('./fixtures/sdk-mcp-server.mjs', import.meta.url))
const SKILLS = fileURLToPath(new URL('../../skills/', import.meta.url))

type Entry = { command: string; args: string[]; env?: Record<string, string> }

/** Point one server entry of a JSON client config at the fake server, with the scenario in its env block. */
async function useFake(file: string, top: string, key: string, scenario: string, ref: (name: string) => string, edit: (e: Entry) => void = () => {}) {
  const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, Entry>>
  const e = doc[top]![key]!
  e.args = [FAKE, ...e.args]
  e.command = process.execPath
  e.env = { ...e.env, FAKE_MCP_SCENARIO: scenario, FAKE_MCP_TOOLS: ref('FAKE_TOOLS_DIR').concat(`/${key === 'aurora-dsql' ? 'dsql' : key}/tools.json`) }
  edit(e)
  await writeFile(file, JSON.stringify(doc, null, 2))
}

async function installed(skills: string[], agents: string): Promise<{ dir: string; home: string }> {
  const dir = await project()
  const home = await project({}, 'dbskills-home-')
  const io = captureIO()
  const dsql = skills.includes('dsql') ? { clusterEndpoint: 'abc123.dsql.us-west-2.on.aws' } : {}
  expect(await runAdd(skills, { dir, yes: true, agent: [agents], region: 'us-west-2', ...dsql }, io, { isTTY: false, home })).toBe(0)
  return { dir, home }
}

async function live(dir: string, home: string, extraEnv: Record<string, string> = {}, timeoutMs = 5000) {
  const io = captureIO(true)
  const pathEnv = { PATH: process.env.PATH, FAKE_TOOLS_DIR: SKILLS.replace(/\/$/, ''), ...extraEnv }
  const code = await runDoctor({ dir, json: true, live: true }, io, { isTTY: false, home, pathEnv, timeoutMs })
  const out = JSON.parse(io.stdout.join('')) as { ok: boolean; servers: { key: string; status: string; differences: { kind: string; message: string }[]; failure?: { kind: string; message: string; stderr?: string }; notes: string[]; entries: unknown[]; unsetVariables: string[] }[] }
  return { code, out }
}

describe('doctor --live', () => {
  it('says "matches" for every skill when each server answers exactly its pinned tool list (Kiro ${VAR} and Cursor ${env:VAR})', async () => {
    const { dir, home } = await installed(['dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql'], 'kiro,cursor')
    for (const key of ['aurora-dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql']) {
      await useFake(join(dir, '.kiro/settings/mcp.json'), 'mcpServers', key, 'matches', (n) => `\${${n}}`)
      await useFake(join(dir, '.cursor/mcp.json'), 'mcpServers', key, 'matches', (n) => `\${env:${n}}`)
    }
    const { code, out } = await live(dir, home)
    expect(out.servers.map((s) => [s.key, s.status, s.differences])).toEqual([
      ['aurora-mysql', 'matches', []], ['aurora-postgresql', 'matches', []], ['aurora-dsql', 'matches', []], ['dynamodb', 'matches', []],
    ]) // in skill-name order: aurora-mysql, aurora-postgresql, dsql, dynamodb
    expect(out.servers.every((s) => s.entries.length === 2)).toBe(true) // the same launch from both clients ran once
    expect(out.servers[2]!.notes.join('\n')).toMatch(/serverInfo.version 1.26.0 is the MCP SDK's/)
    expect(code).toBe(0)
    expect(out.ok).toBe(true)
  })

  it.each([
    ['renamed', 'renamed-tool', /tool run_query is now called run_query_v2/],
    ['new-param', 'new-param', /tool run_query has a new optional parameter timeout_seconds/],
    ['new-required-param', 'new-param', /tool run_query has a new required parameter request_id/],
    ['removed-param', 'removed-param', /tool run_query no longer takes parameter query_parameters/],
    ['newly-required', 'now-required', /tool run_query: parameter query_parameters is now required/],
    ['new-tool', 'new-tool', /new tool list_tables, not in the skill/],
    ['missing-tool', 'missing-tool', /tool run_query is documented but the server does not offer it/],
  ])('%s: reports %s and exits 1', async (scenario, kind, message) => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', scenario, (n) => `\${${n}}`)
    const { code, out } = await live(dir, home)
    expect(code).toBe(1)
    const [s] = out.servers
    expect(s!.status).toBe('differs')
    expect(s!.differences.map((d) => d.kind)).toEqual([kind])
    expect(s!.differences[0]!.message).toMatch(message)
  })

  it('a config that launches a newer version than the pin is reported, even when the tools still match', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'matches', (n) => `\${${n}}`, (e) => {
      e.args = e.args.map((a) => a.replace('awslabs.postgres-mcp-server@1.1.11', 'awslabs.postgres-mcp-server@1.2.0'))
    })
    const { code, out } = await live(dir, home)
    expect(code).toBe(1)
    expect(out.servers[0]!.differences).toEqual([expect.objectContaining({ kind: 'newer-version', live: '1.2.0', documented: '1.1.11', source: 'config' })])
  })

  it('a server that reports its own, newer version: compared when the installed tools.json says serverInfo carries the package version', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    const toolsJson = join(dir, '.agents/skills/aurora-postgresql/tools.json')
    const doc = JSON.parse(await readFile(toolsJson, 'utf8'))
    await writeFile(toolsJson, JSON.stringify({ ...doc, serverInfo: { name: doc.package, versionFrom: 'package' } }))
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'own-version', (n) => `\${${n}}`, (e) => { e.env!.FAKE_MCP_VERSION = '1.2.2' })
    const { code, out } = await live(dir, home)
    expect(code).toBe(1)
    expect(out.servers[0]!.differences).toEqual([expect.objectContaining({ kind: 'newer-version', live: '1.2.2', source: 'serverInfo' })])
  })

  it('a server that exits: failed, with the last stderr line and no environment value in it', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'exit', (n) => `\${${n}}`, (e) => { e.env!.FAKE_SECRET = '${MY_TOKEN}' })
    const { code, out } = await live(dir, home, { MY_TOKEN: 'tok-0123456789-secret' })
    expect(code).toBe(1)
    expect(out.servers[0]!.failure).toMatchObject({ kind: 'exit', message: expect.stringMatching(/status 2/) })
    expect(out.servers[0]!.failure!.stderr).toMatch(/unrecognized arguments/)
    expect(JSON.stringify(out)).not.toContain('tok-0123456789-secret')
  })

  it('a server that writes a first line that is not JSON-RPC: a protocol failure', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'garbage', (n) => `\${${n}}`)
    const { out } = await live(dir, home)
    expect(out.servers[0]!.failure).toMatchObject({ kind: 'protocol' })
  })

  it('a server that never answers: a timeout, and the process is stopped', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'hang', (n) => `\${${n}}`)
    const started = Date.now()
    const { code, out } = await live(dir, home, {}, 800)
    expect(Date.now() - started).toBeLessThan(4000)
    expect(code).toBe(1)
    expect(out.servers[0]!.failure).toMatchObject({ kind: 'timeout', message: 'no answer within 0.8 s' })
  })

  it('names unset variables the config references, and reports a missing launcher as a start failure', async () => {
    const { dir, home } = await installed(['aurora-postgresql'], 'claude-code')
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'matches', (n) => `\${${n}}`, (e) => { e.env!.EXTRA = '${NOT_SET_ANYWHERE}' })
    const ok = await live(dir, home)
    expect(ok.out.servers[0]!.unsetVariables).toEqual(['NOT_SET_ANYWHERE'])
    expect(ok.code).toBe(0)
    const file = join(dir, '.mcp.json')
    await writeFile(file, (await readFile(file, 'utf8')).replace(JSON.stringify(process.execPath), '"dbskills-no-such-launcher"'))
    const bad = await live(dir, home)
    expect(bad.out.servers[0]!.failure).toMatchObject({ kind: 'spawn' })
  })

  it('reads a Codex TOML entry (variables forwarded by name through env_vars)', async () => {
    const { dir, home } = await installed(['aurora-mysql'], 'codex')
    const file = join(dir, '.codex/config.toml')
    const toml = await readFile(file, 'utf8')
    expect(toml).toContain('command = "uvx"')
    await writeFile(file, toml.replace('command = "uvx"', `command = ${JSON.stringify(process.execPath)}`).replace('args = [', `args = [${JSON.stringify(FAKE)}, `))
    const { code, out } = await live(dir, home, { FAKE_MCP_SCENARIO: 'matches', FAKE_MCP_TOOLS: join(SKILLS, 'aurora-mysql/tools.json') })
    expect(out.servers.map((s) => [s.key, s.status, s.entries])).toEqual([['aurora-mysql', 'matches', [{ client: 'codex', path: '.codex/config.toml' }]]])
    expect(code).toBe(0)
  })

  it('the built CLI prints one line per server and exits 1 on drift (HOME isolated)', async () => {
    const dir = await project()
    const home = await project({}, 'dbskills-home-')
    const env = { HOME: home, USERPROFILE: home, FAKE_TOOLS_DIR: SKILLS.replace(/\/$/, '') }
    expect(dbskills(['add', 'dsql', 'aurora-postgresql', '--agent', 'claude-code', '--yes', '--region', 'us-west-2', '--cluster-endpoint', 'abc123.dsql.us-west-2.on.aws'], { cwd: dir, env }).code).toBe(0)
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-dsql', 'matches', (n) => `\${${n}}`)
    await useFake(join(dir, '.mcp.json'), 'mcpServers', 'aurora-postgresql', 'renamed', (n) => `\${${n}}`)
    const r = dbskills(['doctor', '--live', '--timeout', '10'], { cwd: dir, env })
    expect(r.stdout).toMatch(/✔ aurora-dsql \(dsql skill; \.mcp\.json \[claude-code\]\): matches the skill \(awslabs\.aurora-dsql-mcp-server 1\.0\.39, 7 tools\)/)
    expect(r.stdout).toMatch(/✖ aurora-postgresql .*: differs from the skill \(awslabs\.postgres-mcp-server 1\.1\.11\):\n {4}- tool run_query is now called run_query_v2/)
    expect(r.stdout).toMatch(/1 of 2 server\(s\) differ/)
    expect(r.code).toBe(1)
    const bad = dbskills(['doctor', '--live', '--timeout', 'soon'], { cwd: dir, env })
    expect(bad.code).toBe(2)
  })

  it('works against a server built on the official MCP TypeScript SDK (its stdio transport and schemas)', async () => {
    const { dir, home } = await installed(['dsql', 'aurora-mysql'], 'claude-code')
    for (const key of ['aurora-dsql', 'aurora-mysql']) await useFake(join(dir, '.mcp.json'), 'mcpServers', key, 'matches', (n) => `\${${n}}`, (e) => { e.args[0] = SDK_FAKE })
    const { code, out } = await live(dir, home)
    expect(out.servers.map((s) => [s.key, s.status, s.differences])).toEqual([['aurora-mysql', 'matches', []], ['aurora-dsql', 'matches', []]])
    expect(code).toBe(0)
  })
})
