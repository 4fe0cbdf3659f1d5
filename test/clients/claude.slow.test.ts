import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureClient } from '../helpers/client-cli.js'
import { FACTS, PINNED, SERVER_KEYS, SHELL_AWS, captureEndpoint, count, lab, trust } from './harness.js'

const client = ensureClient('claude')
const skip = 'skip' in client ? client.skip : undefined

describe(`Claude Code ${'skip' in client ? '(not runnable here)' : client.version}`, () => {
  if (skip || 'skip' in client) { it('skipped', (ctx) => ctx.skip(`Claude Code: ${skip}`)); return }
  console.log(`real-client tier: checked ${client.pkg}@${client.version}`)

  it('trusted: four servers connected with pinned args and shell credentials, four skills and CLAUDE.md loaded once', async () => {
    const l = await lab(client)
    await trust(l, 'claude')
    expect(l.add(['--agent', 'claude-code', ...FACTS]).code).toBe(0)
    const list = l.run(['mcp', 'list'])
    for (const key of SERVER_KEYS) expect(list.stdout).toMatch(new RegExp(`^${key}: uvx ${PINNED[key]!.replace(/\./g, '\\.')}.* - ✔ Connected$`, 'm'))
    expect(count(list.stdout, /Connected/)).toBe(4)
    const launches = await l.launches()
    for (const key of SERVER_KEYS) {
      const started = launches.find((x) => x.argv[0] === PINNED[key])!
      expect(started.launcher).toBe('uvx')
      expect(started.env.AWS_ACCESS_KEY_ID).toBe(SHELL_AWS.AWS_ACCESS_KEY_ID)
    }
    // The prompt Claude Code would send: CLAUDE.md's block once, the four skills listed, the servers' tools.
    const model = await captureEndpoint(l.root)
    l.run(['-p', 'hi', '--max-turns', '1'], { env: { ANTHROPIC_BASE_URL: model.url, ANTHROPIC_API_KEY: 'sk-ant-test-not-a-key' }, timeoutMs: 120_000 })
    const first = (await model.bodies())[0] ?? ''
    expect(first.includes(`Contents of ${join(l.dir, 'CLAUDE.md')}`), 'CLAUDE.md in the prompt').toBe(true)
    expect(count(first, 'Aurora DSQL in this project')).toBe(1)
    for (const skill of ['dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql']) expect(count(first, `\\n- ${skill}: `), `skill ${skill} listed once`).toBe(1)
  })

  it('untrusted: servers wait for approval, and add says exactly how to approve', async () => {
    const l = await lab(client)
    const r = l.add(['--agent', 'claude-code', ...FACTS])
    expect(r.stdout + r.stderr).toContain('"enableAllProjectMcpServers": true')
    const list = l.run(['mcp', 'list'])
    expect(list.stdout).not.toContain('Connected')
  })

  it("a user's .mcp.json: other servers stay; a comment is refused by dbskills as Claude Code itself refuses it", async () => {
    const mine = '{\n  "mcpServers": {\n    "team-tool": { "command": "uvx", "args": ["team-tool@1.0.0"] }\n  }\n}\n'
    const l = await lab(client, { '.mcp.json': mine })
    await trust(l, 'claude')
    expect(l.add(['--agent', 'claude-code', ...FACTS]).code).toBe(0)
    const list = l.run(['mcp', 'list']).stdout
    expect(list).toMatch(/^team-tool: uvx team-tool@1\.0\.0 - ✔ Connected$/m)
    expect(count(list, /Connected/)).toBe(5)

    const commented = '{\n  // team servers\n  "mcpServers": { "team-tool": { "command": "uvx", "args": ["team-tool@1.0.0"] } }\n}\n'
    const c = await lab(client, { '.mcp.json': commented })
    await trust(c, 'claude')
    const own = c.run(['mcp', 'list'])
    expect(own.stdout + own.stderr).toMatch(/not a valid JSON|No MCP servers configured/)
    const r = c.add(['--agent', 'claude-code', ...FACTS])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/\.mcp\.json cannot be edited: Claude Code, Copilot CLI, Qwen Code read this file as strict JSON, and with a comment here/)
    expect(await readFile(join(c.dir, '.mcp.json'), 'utf8')).toBe(commented)
  })
})
