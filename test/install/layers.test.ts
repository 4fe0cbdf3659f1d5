import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { runAdd } from '../../src/cli/commands/add.js'
import { runRemove } from '../../src/cli/commands/remove.js'
import { runUpdate } from '../../src/cli/commands/update.js'
import { UsageError, UserError } from '../../src/core/errors.js'
import { CLIENTS } from '../../src/mcp/clients.js'
import { captureIO, project, read, tree } from '../helpers/project.js'

// The steering and MCP layers through the real commands, with the real packaged dsql skill.
const env = { isTTY: false, home: '/home/you' }
const add = (dir: string, args: Record<string, unknown> = {}, names = ['dsql']) => runAdd(names, { dir, yes: true, ...args }, captureIO(), env)
const remove = (dir: string, names = ['dsql'], args: Record<string, unknown> = {}) => runRemove(names, { dir, ...args }, captureIO(), env)

describe('steering', () => {
  it('writes each agent its own steering, pointing at the SKILL.md that agent reads', async () => {
    const dir = await project()
    await add(dir, { agent: ['kiro,claude-code,cursor,codex,gemini'], clusterEndpoint: 'abc123.dsql.us-west-2.on.aws' })
    const kiro = await read(join(dir, '.kiro/steering/dbskills-dsql.md'))
    expect(kiro.startsWith('---\ninclusion: always\n---\n')).toBe(true)
    expect(kiro).toContain('.kiro/skills/dsql/SKILL.md')
    expect(kiro).toContain('abc123.dsql.us-west-2.on.aws')
    const cursor = matter(await read(join(dir, '.cursor/rules/dbskills-dsql.mdc')), {})
    expect(cursor.data).toMatchObject({ alwaysApply: true, description: expect.any(String) })
    expect(cursor.content).toContain('.cursor/skills/dsql/SKILL.md')
    expect(await read(join(dir, 'CLAUDE.md'))).toContain('.claude/skills/dsql/SKILL.md')
    expect(await read(join(dir, 'AGENTS.md'))).toContain('.agents/skills/dsql/SKILL.md')
    expect(await read(join(dir, 'GEMINI.md'))).toContain('.agents/skills/dsql/SKILL.md')
    for (const f of ['CLAUDE.md', 'AGENTS.md', 'GEMINI.md']) expect(await read(join(dir, f))).toMatch(/^<!-- dbskills:begin dsql -->/)
  })

  it('edits only its block in a user CLAUDE.md, in place on re-run, and removes it cleanly', async () => {
    const mine = '# Team notes\r\n\r\nUse pnpm.\r\n'
    const dir = await project({ 'CLAUDE.md': mine })
    await add(dir, { agent: ['claude-code'], mcp: false })
    const once = await read(join(dir, 'CLAUDE.md'))
    expect(once.startsWith(mine)).toBe(true)
    await add(dir, { agent: ['claude-code'], mcp: false, clusterEndpoint: 'abc123.dsql.us-west-2.on.aws' })
    const twice = await read(join(dir, 'CLAUDE.md'))
    expect(twice.match(/dbskills:begin dsql/g)).toHaveLength(1)
    expect(twice).toContain('abc123.dsql.us-west-2.on.aws')
    await remove(dir)
    expect(await read(join(dir, 'CLAUDE.md'))).toBe(mine)
  })

  it('keeps a steering file the user edited, and reports it; --force replaces it', async () => {
    const dir = await project()
    await add(dir, { agent: ['kiro'], mcp: false })
    const f = join(dir, '.kiro/steering/dbskills-dsql.md')
    await writeFile(f, `${await read(f)}\nMy extra rule.\n`)
    const io = captureIO(true)
    await runUpdate([], { dir, json: true, dryRun: true }, io, env)
    expect(JSON.parse(io.stdout.join('')).ops.find((o: { kind: string }) => o.kind === 'keep').path).toBe('.kiro/steering/dbskills-dsql.md')
    await remove(dir)
    expect(await read(f)).toContain('My extra rule.')
  })

  it('a rerun with the agents in another order changes nothing, the record included', async () => {
    const dir = await project()
    await add(dir, { agent: ['kiro,claude-code,cursor'] })
    const record = await read(join(dir, '.agents/dbskills-lock.json'))
    const io = captureIO()
    await runAdd(['dsql'], { dir, yes: true, agent: ['cursor,kiro', 'claude-code'] }, io, env)
    expect(io.stdout.join('\n')).toMatch(/Nothing to do/)
    expect(await read(join(dir, '.agents/dbskills-lock.json'))).toBe(record)
  })

  it('a later add for one of the agents changes nothing: steering keeps naming the servers configured earlier', async () => {
    const dir = await project()
    await add(dir, { agent: ['claude-code', 'codex', 'copilot'] })
    const io = captureIO(true)
    expect(await runAdd(['dsql'], { dir, yes: true, json: true, agent: ['claude-code'] }, io, env)).toBe(0)
    expect(JSON.parse(io.stdout.join('')).changed).toBe(false)
  })

  it('--no-steering writes none', async () => {
    const dir = await project()
    await add(dir, { agent: ['kiro,claude-code'], steering: false, mcp: false })
    expect((await tree(dir)).filter((l) => /steering|CLAUDE/.test(l))).toEqual([])
  })
})

describe('MCP configuration', () => {
  it('writes the chosen agents\' clients, or those named with --mcp-client', async () => {
    const a = await project()
    await add(a, { agent: ['kiro,claude-code,cursor'], steering: false })
    expect((await tree(a)).filter((l) => l.startsWith('f') && /mcp/.test(l) && !l.includes('skills/'))).toEqual(['f .cursor/mcp.json', 'f .kiro/settings/mcp.json', 'f .mcp.json'])
    const claude = JSON.parse(await read(join(a, '.mcp.json')))
    expect(claude.mcpServers['aurora-dsql']).toMatchObject({ type: 'stdio', command: 'uvx', args: ['awslabs.aurora-dsql-mcp-server@1.0.39'], env: { FASTMCP_LOG_LEVEL: 'ERROR' } })
    const b = await project()
    await add(b, { agent: ['kiro'], steering: false, mcpClient: ['vscode,codex'] })
    expect(JSON.parse(await read(join(b, '.vscode/mcp.json'))).servers['aurora-dsql'].command).toBe('uvx')
    expect(await read(join(b, '.codex/config.toml'))).toContain('[mcp_servers.aurora-dsql]')
  })

  it('read-only unless --allow-writes; cluster flags as the pinned server spells them', async () => {
    const dir = await project()
    await add(dir, { agent: ['claude-code'], steering: false, clusterEndpoint: 'abc123.dsql.eu-west-1.on.aws', allowWrites: true })
    expect(JSON.parse(await read(join(dir, '.mcp.json'))).mcpServers['aurora-dsql'].args).toEqual([
      'awslabs.aurora-dsql-mcp-server@1.0.39', '--cluster_endpoint', 'abc123.dsql.eu-west-1.on.aws', '--database_user', 'admin', '--region', 'eu-west-1', '--allow-writes',
    ])
  })

  it('unparsable config: exit 1 naming the file, line and column, and nothing is written anywhere', async () => {
    const dir = await project({ '.cursor/mcp.json': '{\n  "mcpServers": {\n    "x": {,\n  }\n}\n' })
    const before = await tree(dir)
    const err = await add(dir, { agent: ['kiro,claude-code,cursor'] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect((err as UserError).exitCode).toBe(1)
    expect((err as UserError).message).toMatch(/\.cursor\/mcp\.json cannot be edited: .*line 3, column 11/)
    expect(await tree(dir)).toEqual(before)
  })

  it('Copilot meets each pointer once: CLAUDE.md imports AGENTS.md, and one .mcp.json serves Claude, Copilot and Qwen', async () => {
    const dir = await project()
    await add(dir, { agent: ['claude-code,codex,copilot,qwen'] })
    const claude = await read(join(dir, 'CLAUDE.md'))
    expect(claude).toContain('@AGENTS.md')
    expect(claude).not.toContain('SKILL.md')
    expect((await read(join(dir, 'AGENTS.md'))).match(/\.agents\/skills\/dsql\/SKILL\.md/g)?.length).toBeGreaterThan(0)
    expect(await tree(dir)).not.toContain('d .vscode')
    expect(Object.keys(JSON.parse(await read(join(dir, '.mcp.json'))).mcpServers)).toEqual(['aurora-dsql'])
    await remove(dir)
    expect(await tree(dir)).toEqual([])
  })

  it('a comment in .mcp.json is a conflict naming the strict-JSON readers; the file stays byte for byte', async () => {
    const text = '{\n  // team servers\n  "mcpServers": { "mine": { "command": "x" } }\n}\n'
    const dir = await project({ '.mcp.json': text })
    const err = await add(dir, { agent: ['claude-code'] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect((err as UserError).message).toMatch(/\.mcp\.json cannot be edited: Claude Code, Copilot CLI, Qwen Code read this file as strict JSON, and with a comment here Claude Code loads no server from it.*line 2, column 3/)
    expect(await read(join(dir, '.mcp.json'))).toBe(text)
    // The same comment in Gemini's settings.json is fine: Gemini CLI reads JSONC.
    const gem = await project({ '.gemini/settings.json': '{\n  // mine\n  "mcpServers": {}\n}\n' })
    await add(gem, { agent: ['gemini'], steering: false })
    expect(await read(join(gem, '.gemini/settings.json'))).toMatch(/\/\/ mine[\s\S]*"aurora-dsql"/)
  })

  it("a user's own entry under our key is a conflict; an entry of ours the user changed is kept", async () => {
    const dir = await project({ '.mcp.json': '{ "mcpServers": { "aurora-dsql": { "command": "my-own" } } }\n' })
    await expect(add(dir, { agent: ['claude-code'] })).rejects.toThrow(/the "aurora-dsql" server in \.mcp\.json already exists and was not written by dbskills/)
    const other = await project()
    await add(other, { agent: ['claude-code'], steering: false })
    const f = join(other, '.mcp.json')
    await writeFile(f, (await read(f)).replace('"ERROR"', '"DEBUG"'))
    await add(other, { agent: ['claude-code'], steering: false })
    expect(await read(f)).toContain('"DEBUG"')
    await remove(other)
    expect(await read(f)).toContain('"DEBUG"')
  })

  it.each([
    [{ clusterEndpoint: 'not-an-endpoint' }, /--cluster-endpoint/],
    [{ region: 'Oregon' }, /--region/],
    [{ profile: 'AKIAIOSFODNN7EXAMPLE' }, /access key/i],
    [{ database: 'password=hunter2' }, /password/i],
  ])('bad or secret flag values are refused with exit 2 and nothing written: %j', async (flags, pattern) => {
    const dir = await project()
    const err = await add(dir, { agent: ['claude-code'], ...flags }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect(`${(err as UsageError).message} ${(err as UsageError).hint ?? ''}`).toMatch(pattern)
    expect(await tree(dir)).toEqual([])
  })
})

describe('next steps', () => {
  it('say exactly how to trust or approve the project in each chosen agent, with its path', async () => {
    const dir = await project()
    const io = captureIO(true)
    await runAdd(['dsql'], { dir, yes: true, json: true, agent: ['claude-code,codex,gemini,copilot,qwen'] }, io, env)
    const steps: string[] = JSON.parse(io.stdout.join('')).nextSteps
    expect(steps.find((s) => s.startsWith('Codex:'))).toContain(`[projects."${dir}"] trust_level = "trusted"`)
    expect(steps.find((s) => s.startsWith('Gemini CLI:'))).toContain(`"${dir}": "TRUST_FOLDER"`)
    expect(steps.find((s) => s.startsWith('Qwen Code:'))).toContain('qwen mcp approve --all')
    expect(steps.find((s) => s.startsWith('Copilot CLI:'))).toContain('trustedFolders')
    expect(steps.find((s) => s.startsWith('Claude Code:'))).toContain('enableAllProjectMcpServers')
  })
})
