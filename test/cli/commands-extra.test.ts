import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { runAdd } from '../../src/cli/commands/add.js'
import { runDoctor } from '../../src/cli/commands/doctor.js'
import { runMcp } from '../../src/cli/commands/mcp.js'
import { runPower } from '../../src/cli/commands/power.js'
import { UsageError } from '../../src/core/errors.js'
import { captureIO, project, read, tree } from '../helpers/project.js'

const env = { isTTY: false, home: '/home/you' }

describe('dbskills mcp', () => {
  it('prints the file content for the client, notes on stderr; --json prints the server object alone', async () => {
    const io = captureIO()
    expect(await runMcp('dsql', { client: ['kiro'], clusterEndpoint: 'abc123.dsql.us-east-1.on.aws' }, io, { platform: 'linux', home: '/home/you' })).toBe(0)
    const doc = JSON.parse(io.stdout.join(''))
    expect(doc.mcpServers['aurora-dsql'].args).toContain('--cluster_endpoint')
    expect(io.stderr.join('\n')).toMatch(/\.kiro\/settings\/mcp\.json/)
    const json = captureIO(true)
    await runMcp('aurora-dsql', { client: ['vscode'], json: true }, json, { platform: 'linux', home: '/home/you' })
    expect(JSON.parse(json.stdout.join(''))).toMatchObject({ type: 'stdio', command: 'uvx' })
  })

  it('prints the sandbox entry exactly as add dsql --sandbox writes it', async () => {
    const dir = await project()
    expect(await runAdd(['dsql'], { agent: ['claude-code'], yes: true, sandbox: true, dir }, captureIO(), env)).toBe(0)
    const written = JSON.parse(await read(join(dir, '.mcp.json'))).mcpServers['aurora-dsql-sandbox']
    const io = captureIO(true)
    expect(await runMcp('aurora-dsql-sandbox', { client: ['claude-code'], json: true }, io, { platform: 'linux', home: '/home/you' })).toBe(0)
    expect(JSON.parse(io.stdout.join(''))).toEqual(written)
    expect(io.stderr.join('\n')).toMatch(/add dsql --sandbox[\s\S]*\.dbskills\/sandbox\/dsql/)
  })

  it.each([
    ['aurora-dsql-sandbox', { client: ['kiro'], clusterEndpoint: 'abc123.dsql.us-east-1.on.aws' }, /takes no server flags \(--cluster-endpoint\)/],
    ['aurora-dsql-sandbox', { client: ['kiro'], runtime: 'docker', allowWrites: true }, /--runtime, --allow-writes/],
    ['nosuch', { client: ['kiro'] }, /Unknown MCP server[\s\S]*aurora-dsql-sandbox/],
    ['dsql', {}, /exactly one client/],
    ['dsql', { client: ['kiro,cursor'] }, /exactly one client/],
    ['dsql', { client: ['emacs'] }, /Unknown MCP client/],
    ['dsql', { client: ['kiro'], clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:x' }, /--cluster-arn/],
  ])('%s %j is a usage error', async (server, opts, pattern) => {
    const err = await runMcp(server, opts, captureIO(), { platform: 'linux', home: '/h' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UsageError)
    expect(`${(err as UsageError).message} ${(err as UsageError).hint ?? ''}`).toMatch(pattern)
  })
})

describe('dbskills power', () => {
  it('exports POWER.md, mcp.json and steering/ with every reference as a real file', async () => {
    const out = join(await project(), 'power')
    expect(await runPower('dsql', { out }, captureIO(), env)).toBe(0)
    const power = matter(await read(join(out, 'POWER.md')), {})
    expect(Object.keys(power.data).sort()).toEqual(['author', 'description', 'displayName', 'keywords', 'name'])
    expect(power.data.keywords).toContain('dsql')
    const steering = (await tree(out)).filter((l) => l.startsWith('f steering/')).map((l) => l.slice('f steering/'.length))
    const refs = (await tree(join(import.meta.dirname, '../../skills/dsql/references'))).filter((l) => l.startsWith('f ')).map((l) => l.slice(2))
    expect(steering.sort()).toEqual(['overview.md', ...refs].sort())
    for (const f of refs) expect(power.content).toContain(`steering/${f}`)
    expect(JSON.parse(await read(join(out, 'mcp.json'))).mcpServers['aurora-dsql'].command).toBe('uvx')
    expect(await read(join(out, 'steering/overview.md'))).not.toMatch(/\]\(references\//)
  })

  it('refuses a folder that is not empty without --force', async () => {
    const dir = await project({ 'power/keep.txt': 'x' })
    await expect(runPower('dsql', { out: join(dir, 'power') }, captureIO(), env)).rejects.toThrow(/not empty/)
    expect(await tree(dir)).toEqual(['d power', 'f power/keep.txt'])
  })
})

describe('dbskills doctor', () => {
  const pathEnv = { PATH: '' }
  it('healthy install: exit 0, only warnings (placeholders, launcher not on PATH)', async () => {
    const dir = await project()
    await runAdd(['dsql'], { dir, yes: true, agent: ['kiro,claude-code,cursor'], clusterEndpoint: 'abc123.dsql.us-east-1.on.aws' }, captureIO(), env)
    const io = captureIO(true)
    expect(await runDoctor({ dir, json: true }, io, { ...env, pathEnv })).toBe(0)
    const r = JSON.parse(io.stdout.join(''))
    expect(r.findings.filter((f: { level: string }) => f.level === 'error')).toEqual([])
    expect(r.findings.map((f: { path: string }) => f.path)).toContain('uvx')
  })

  it('checks each MCP file as its client reads it: a comment in .mcp.json is an error, in Gemini settings fine', async () => {
    const dir = await project()
    await runAdd(['dsql'], { dir, yes: true, agent: ['claude-code,gemini'] }, captureIO(), env)
    for (const f of ['.mcp.json', '.gemini/settings.json']) {
      const p = join(dir, f)
      await writeFile(p, (await readFile(p, 'utf8')).replace('{', '{\n  // added by hand'))
    }
    const io = captureIO(true)
    expect(await runDoctor({ dir, json: true }, io, { ...env, pathEnv })).toBe(1)
    const errors = JSON.parse(io.stdout.join('')).findings.filter((f: { level: string }) => f.level === 'error')
    expect(errors.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`)).toEqual([
      expect.stringMatching(/^\.mcp\.json: does not parse: Claude Code, Copilot CLI, Qwen Code read this file as strict JSON, and with a comment here/),
    ])
  })

  it('broken install: every problem found, exit 1', async () => {
    const dir = await project()
    await runAdd(['dsql'], { dir, yes: true, agent: ['kiro,claude-code,cursor'] }, captureIO(), env)
    await rm(join(dir, '.claude/skills/dsql'))
    await writeFile(join(dir, '.kiro/skills/dsql/SKILL.md'), 'changed\n')
    await writeFile(join(dir, '.cursor/mcp.json'), '{ oops')
    const kiroMcp = join(dir, '.kiro/settings/mcp.json')
    await writeFile(kiroMcp, (await readFile(kiroMcp, 'utf8')).replace('@1.0.39', '@latest'))
    await writeFile(join(dir, 'CLAUDE.md'), '# mine\n')
    const io = captureIO(true)
    expect(await runDoctor({ dir, json: true }, io, { ...env, pathEnv })).toBe(1)
    const errors = JSON.parse(io.stdout.join('')).findings.filter((f: { level: string }) => f.level === 'error').map((f: { path: string; message: string }) => `${f.path}: ${f.message}`)
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\.claude\/skills\/dsql: .*does not exist/),
      expect.stringMatching(/^\.kiro\/skills\/dsql: .*SKILL\.md was changed/),
      expect.stringMatching(/^\.cursor\/mcp\.json: does not parse/),
      expect.stringMatching(/^\.kiro\/settings\/mcp\.json: .*does not run awslabs\.aurora-dsql-mcp-server@1\.0\.39/),
      expect.stringMatching(/^CLAUDE\.md: the dsql block is missing/),
    ]))
  })
})
