import { describe, expect, it } from 'vitest'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, SERVER_KEYS, count, lab, trust } from './harness.js'

const client = ensureClient('copilot')
const both = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr

describe(`Copilot CLI ${'skip' in client ? '(not runnable here)' : client.version}`, () => {
  if ('skip' in client) { it('skipped', (ctx) => ctx.skip(`Copilot CLI: ${client.skip}`)); return }
  console.log(`real-client tier: checked ${client.pkg}@${client.version}`)

  it('trusted, copilot alone: four workspace servers from .mcp.json, four project skills, AGENTS.md', async () => {
    const l = await lab(client)
    await trust(l, 'copilot')
    expect(l.add(['--agent', 'copilot', ...FACTS]).code).toBe(0)
    const mcp = both(l.run(['mcp', 'list']))
    for (const key of SERVER_KEYS) expect(count(mcp, new RegExp(`^  ${key} \\(local\\)$`, 'm')), key).toBe(1)
    const get = both(l.run(['mcp', 'get', 'aurora-dsql']))
    expect(get).toContain('Command: uvx awslabs.aurora-dsql-mcp-server@1.0.39 --cluster_endpoint abc123.dsql.us-west-2.on.aws')
    expect(get).toContain(`Source: Workspace (${l.dir}/.mcp.json)`)
    const skills = both(l.run(['skill', 'list']))
    for (const skill of ['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb']) expect(count(skills, `\n  ${skill} - `), skill).toBe(1)
    const instructions = both(l.run(['instruction', 'list']))
    expect(instructions).toContain('from AGENTS.md')
    expect(instructions).not.toMatch(/CLAUDE\.md|GEMINI\.md/)
  })

  it('with Claude Code and Codex: every server once, CLAUDE.md only imports AGENTS.md so the block reaches Copilot once', async () => {
    const l = await lab(client)
    await trust(l, 'copilot')
    expect(l.add(['--agent', 'claude-code,codex,copilot', ...FACTS]).code).toBe(0)
    const mcp = both(l.run(['mcp', 'list']))
    for (const key of SERVER_KEYS) expect(count(mcp, new RegExp(`^  ${key} \\(local\\)$`, 'm')), key).toBe(1)
    const instructions = both(l.run(['instruction', 'list']))
    expect(instructions).toContain('from AGENTS.md')
    expect(instructions).toContain('from CLAUDE.md')
    const { readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const claude = await readFile(join(l.dir, 'CLAUDE.md'), 'utf8')
    const agents = await readFile(join(l.dir, 'AGENTS.md'), 'utf8')
    expect(count(claude + agents, 'Aurora DSQL in this project')).toBe(1)
    expect(claude).toContain('@AGENTS.md')
  })

  it('untrusted: no workspace server, and add says exactly how to trust the folder', async () => {
    const l = await lab(client)
    const r = l.add(['--agent', 'copilot', ...FACTS])
    expect(r.stdout + r.stderr).toContain('"trustedFolders" in ~/.copilot/config.json')
    expect(both(l.run(['mcp', 'list']))).toContain('No MCP servers configured.')
  })
})
