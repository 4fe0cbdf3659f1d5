/**
 * The whole add/update/remove path as a property, per MCP client, 200 generated projects each: existing configs
 * (comments, CRLF, indents, other servers, unicode), file modes, a CLAUDE.md that is a link to AGENTS.md, and
 * several skills added and removed in generated orders. Always: adding twice changes nothing the second time, and
 * removing everything gives back the original bytes, modes and links.
 */
import { chmod, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runAdd } from '../../src/cli/commands/add.js'
import { runRemove } from '../../src/cli/commands/remove.js'
import { CLIENTS } from '../../src/mcp/clients.js'
import { disk } from '../helpers/disk.js'
import { captureIO, project } from '../helpers/project.js'

const NAMES = ['dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql'] as const
const skill = (n: string) => `---\nname: ${n}\ndescription: Small ${n} skill for property tests. Use in tests.\nmetadata:\n  version: "1.0.0"\n  updated: "2026-12-02"\n---\n# ${n}\n`
const pkg = () => project(Object.fromEntries([['package.json', '{"name":"fixture","version":"0.0.0"}'], ...NAMES.map((n) => [`skills/${n}/SKILL.md`, skill(n)])]), 'dbskills-pkg-')

const eol = fc.constantFrom('\n', '\r\n')
const indent = fc.constantFrom('  ', '    ', '\t')
const name = fc.stringMatching(/^[a-zé日]{1,6}$/)
// A client whose reader needs strict JSON (syntax 'json') gets no comments: those are a conflict (layers.test.ts).
const jsonConfig = (top: string[], comments = true) => fc.record({ eol, indent, names: fc.uniqueArray(name, { maxLength: 3 }), comment: comments ? fc.boolean() : fc.constant(false), extra: fc.boolean() }).map(({ eol, indent, names, comment, extra }) => {
  const servers = names.map((n) => `${indent}${indent}"${n}": { "command": "${n}", "args": ["--x"] }`).join(`,${eol}`)
  const inner = `${indent}"${top[0]}": {${servers ? `${eol}${servers}${eol}${indent}` : ''}}`
  return ['{', ...(comment ? [`${indent}// team servers ✓`] : []), ...(extra ? [`${indent}"powers": { "mcpServers": {} },`] : []), inner, '}', ''].join(eol)
})
const tomlConfig = fc.record({ eol, names: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }), comment: fc.boolean(), finalNewline: fc.boolean() }).map(({ eol, names, comment, finalNewline }) => {
  const text = [...(comment ? ['# my codex config', 'model = "o3"', ''] : []), ...names.flatMap((n) => [`[mcp_servers.${n}]`, `command = "${n}"`, '']), ''].join(eol)
  return finalNewline ? text : text.replace(/(\r?\n)+$/, '')
})

const scenario = (config: fc.Arbitrary<string>) => fc.record({
  config: fc.option(config, { nil: undefined }),
  mode: fc.constantFrom(0o600, 0o640, 0o644, 0o755),
  agentsMd: fc.option(fc.constantFrom('# Team rules\n', '# Règles\r\n\r\nsoyez clairs\r\n'), { nil: undefined }),
  claudeIsLink: fc.boolean(),
  adds: fc.array(fc.subarray([...NAMES], { minLength: 1 }), { minLength: 1, maxLength: 2 }),
  removeOrder: fc.shuffledSubarray([...NAMES], { minLength: 4, maxLength: 4 }),
})

describe.each(CLIENTS.map((c) => [c.id, c] as const))('add/remove property with modes, links and skill orders: %s', (id, client) => {
  it('adding twice changes nothing the second time; removing everything restores bytes, modes and links', async () => {
    const packageRoot = await pkg()
    await fc.assert(fc.asyncProperty(scenario(client.format === 'toml' ? tomlConfig : jsonConfig(client.topKeyPath, client.syntax !== 'json')), async (s) => {
      const dir = await project()
      const file = join(dir, client.projectPath)
      if (s.config !== undefined) {
        await mkdir(dirname(file), { recursive: true })
        await writeFile(file, s.config)
        await chmod(file, s.mode)
      }
      if (s.agentsMd !== undefined) {
        await writeFile(join(dir, 'AGENTS.md'), s.agentsMd)
        if (s.claudeIsLink) await symlink('AGENTS.md', join(dir, 'CLAUDE.md'))
      }
      const before = await disk(dir)
      const modeBefore = s.config !== undefined ? (await stat(file)).mode & 0o777 : undefined
      const env = { packageRoot, home: dir }
      const args = { dir, yes: true, agent: ['claude-code', 'codex'], mcpClient: [id] }
      for (const names of s.adds) expect(await runAdd(names, args, captureIO(), env)).toBe(0)
      const once = await disk(dir)
      const io = captureIO(true)
      for (const names of s.adds) expect(await runAdd(names, { ...args, json: true }, io, env)).toBe(0)
      expect(io.stdout.map((o) => JSON.parse(o).changed)).not.toContain(true)
      expect(await disk(dir)).toEqual(once)
      if (modeBefore !== undefined) expect((await stat(file)).mode & 0o777).toBe(modeBefore)
      const installed = new Set(s.adds.flat())
      for (const n of s.removeOrder) if (installed.has(n)) expect(await runRemove([n], { dir }, captureIO(), env)).toBe(0)
      expect(await disk(dir)).toEqual(before)
      if (modeBefore !== undefined) expect((await stat(file)).mode & 0o777).toBe(modeBefore)
      expect(s.agentsMd === undefined || (await readFile(join(dir, 'AGENTS.md'), 'utf8')) === s.agentsMd).toBe(true)
    }), { numRuns: 200 })
  })
})
