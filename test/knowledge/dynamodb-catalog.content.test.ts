/**
 * The DynamoDB skill and the installer's MCP catalog must describe the same server: package, pinned version,
 * (no) flags, environment variables, and every tool with exactly its parameters. Either side drifting fails.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { SERVERS, type McpServerSpec } from '../../src/mcp/catalog.js'

const SKILL = resolve(import.meta.dirname, '../../skills/dynamodb')
let skillMd = ''
let allText = ''
let server: McpServerSpec

/** The lines of the section that starts with `heading` (a "## ..." line), up to the next "## ". */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}`)
  if (start < 0) throw new Error(`SKILL.md has no section ${heading}`)
  const end = md.indexOf('\n## ', start + 1)
  return md.slice(start, end < 0 ? undefined : end)
}

/** Table rows of a section as cells (header and separator rows dropped). */
const rows = (text: string) =>
  text.split('\n').filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l)).slice(1).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()))

beforeAll(async () => {
  skillMd = await readFile(join(SKILL, 'SKILL.md'), 'utf8')
  const files = (await readdir(SKILL, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.md'))
  allText = (await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'utf8')))).join('\n')
  const found = SERVERS.find((s) => s.skill === 'dynamodb')
  if (!found) throw new Error('catalog has no server for the dynamodb skill')
  server = found
})

describe('skills/dynamodb agrees with src/mcp/catalog.ts', () => {
  it('names the catalog package and pinned version everywhere it names a version', () => {
    expect(skillMd).toContain(server.package)
    expect(skillMd).toContain(`pinned at **${server.version}**`)
    const pins = [...allText.matchAll(/dynamodb-mcp-server@([0-9][0-9A-Za-z.+-]*)/g)].map((m) => m[1])
    expect(pins.length).toBeGreaterThan(0)
    for (const v of pins) expect(v).toBe(server.version)
  })

  it('documents the absence of flags, matching an empty flag list', () => {
    expect(server.flags).toEqual([])
    expect(skillMd).toMatch(/takes no command-line flags/)
  })

  it('documents exactly the catalog tools, each with exactly its parameters', () => {
    const documented = new Map<string, string[]>()
    for (const [tool, inputs] of rows(section(skillMd, '## Tools'))) {
      const name = /^`([a-z_]+)`$/.exec(tool ?? '')?.[1]
      if (!name) continue
      // A parameter is a backticked identifier followed by ":" or "," in the inputs cell; values never are.
      documented.set(name, [...(inputs ?? '').matchAll(/`([a-z_][a-z0-9_]*)`\s*[:,]/g)].map((m) => m[1]!))
    }
    expect([...documented.keys()].sort()).toEqual(server.tools.map((t) => t.name).sort())
    for (const t of server.tools) expect(documented.get(t.name)?.slice().sort(), t.name).toEqual([...t.params].sort())
  })

  it('mentions no tool-like name that the catalog lacks, in any file of the skill', () => {
    // `dynamodb_operation` is a key of dynamodb_data_model.json (documented in data-model-json.md), not a tool.
    const known = new Set([...server.tools.flatMap((t) => [t.name, ...t.params]), 'dynamodb_operation'])
    const toolish = /^(dynamodb_[a-z_]+|generate_[a-z_]+|compute_[a-z_]+|source_db_[a-z_]+)$/
    const mentioned = new Set([...allText.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).filter((n) => toolish.test(n)))
    expect(mentioned.size).toBeGreaterThan(8)
    for (const n of mentioned) expect(known, n).toContain(n)
  })

  it('documents exactly the environment variables the catalog knows, in SKILL.md and the setup reference', async () => {
    const want = [...new Set([...server.envVars, ...Object.keys(server.env)])].sort()
    const setup = await readFile(join(SKILL, 'references/mcp-server-setup.md'), 'utf8')
    for (const [name, text] of [['SKILL.md', section(skillMd, '## Environment variables')], ['mcp-server-setup.md', section(setup, '## Environment')]] as const) {
      const vars = rows(text).flatMap(([first]) => [...(first ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!))
      expect([...new Set(vars)].sort(), name).toEqual(want)
    }
    for (const [k, v] of Object.entries(server.env)) expect(skillMd, k).toContain(`\`${v}\``)
  })
})
