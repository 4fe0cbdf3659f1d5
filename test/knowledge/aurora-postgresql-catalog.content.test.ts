// The aurora-postgresql skill documents the same server the installer configures: the pinned version, every flag
// (and whether it takes a value or repeats) and every tool with its exact parameters must match src/mcp/catalog.ts,
// in both directions, so the knowledge and the generated MCP config cannot drift apart.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { serverForSkill, type McpServerSpec } from '../../src/mcp/catalog.js'

const SKILL_DIR = fileURLToPath(new URL('../../skills/aurora-postgresql/', import.meta.url))

// Flags the skill names on purpose although the pinned version lacks them: the pre-2025-12-10 CLI (so users can
// recognise old snippets) and flags of later releases (marked [later: X.Y.Z]; test/knowledge/flag-versions.test.ts).
const LEGACY_FLAGS = ['--resource_arn', '--readonly', '--hostname']
const NOT_YET_FLAGS = ['--ca_bundle', '--sslmode', '--privilege_check']

let server: McpServerSpec
let skillMd: string
let allText: string

/** The body of `## <heading...>` up to the next `## ` heading (or the next `### `, with `ownTextOnly`). */
function section(md: string, headingStart: string, ownTextOnly = false): string {
  const start = md.indexOf(`\n## ${headingStart}`)
  if (start < 0) throw new Error(`no section "## ${headingStart}"`)
  const ends = ['\n## ', ...(ownTextOnly ? ['\n### '] : [])].map((h) => md.indexOf(h, start + 1)).filter((i) => i > 0)
  return md.slice(start, ends.length ? Math.min(...ends) : undefined)
}

/** Table rows of a Markdown section as arrays of trimmed cells (header and separator rows dropped). */
function tableRows(md: string): string[][] {
  return md.split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l))
    .slice(1)
    .map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()))
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

beforeAll(async () => {
  const found = serverForSkill('aurora-postgresql')
  if (!found) throw new Error('catalog has no server for aurora-postgresql')
  server = found
  skillMd = await readFile(join(SKILL_DIR, 'SKILL.md'), 'utf8')
  // Shared copies (references/shared.json) show every server's config, so only the skill's own files count here.
  const manifest = JSON.parse(await readFile(join(SKILL_DIR, '../../references/shared.json'), 'utf8')) as Record<string, string[]>
  const refs = (await readdir(join(SKILL_DIR, 'references'))).filter((f) => f.endsWith('.md') && !(f in manifest))
  allText = [skillMd, ...(await Promise.all(refs.map((f) => readFile(join(SKILL_DIR, 'references', f), 'utf8'))))].join('\n')
})

describe('aurora-postgresql skill vs the MCP catalog', () => {
  it('documents the catalog package at its pinned version, everywhere a version is named', () => {
    expect(server.package).toBe('awslabs.postgres-mcp-server')
    const named = [
      ...allText.matchAll(/awslabs\.postgres-mcp-server[@ ](\d+\.\d+\.\d+)/g),
      ...allText.matchAll(/\((?:version|server) (\d+\.\d+\.\d+)\)/g),
      ...allText.matchAll(/pinned at \*\*(\d+\.\d+\.\d+)\*\*/g),
    ].map((m) => m[1])
    expect(named.length).toBeGreaterThan(5)
    expect(new Set(named)).toEqual(new Set([server.version]))
    expect(skillMd).toContain(`## MCP server flags (version ${server.version})`)
    expect(skillMd).toContain(`## MCP tools (version ${server.version})`)
  })

  it('the flag table equals the catalog flags, with value-taking and repeatable flags marked', () => {
    const documented = tableRows(section(skillMd, 'MCP server flags', true)).map(([flag, value, meaning]) => ({
      name: ticked(flag ?? '')[0],
      takesValue: value !== 'none (switch)',
      repeatable: /\brepeatable\b/.test(meaning ?? ''),
    }))
    const catalog = server.flags.map((f) => ({ name: f.name, takesValue: f.takesValue, repeatable: f.repeatable === true }))
    const byName = (a: { name?: string }, b: { name?: string }) => (a.name ?? '').localeCompare(b.name ?? '')
    expect(documented.sort(byName)).toEqual(catalog.sort(byName))
    expect(server.writeFlag).toBe('--allow_write_query')
  })

  it('the tool table equals the catalog tools and their parameters, in order', () => {
    const documented = tableRows(section(skillMd, 'MCP tools', true)).map(([tool, params]) => ({
      name: ticked(tool ?? '')[0],
      params: params === 'none' ? [] : ticked(params ?? ''),
    }))
    expect(documented).toEqual(server.tools.map((t) => ({ name: t.name, params: t.params })))
  })

  it('every server flag named anywhere in the skill is a catalog flag, or a deliberately named legacy/later one', () => {
    const catalogFlags = new Set(server.flags.map((f) => f.name))
    for (const f of [...LEGACY_FLAGS, ...NOT_YET_FLAGS]) expect(catalogFlags.has(f), f).toBe(false)
    // Server flags are snake_case; AWS CLI options in the examples are kebab-case and not checked here.
    const named = new Set([...allText.matchAll(/(?<![\w-])--[a-z]+_[a-z_]+/g)].map((m) => m[0]))
    const unknown = [...named].filter((f) => !catalogFlags.has(f) && !LEGACY_FLAGS.includes(f) && !NOT_YET_FLAGS.includes(f))
    expect(unknown).toEqual([])
    for (const f of LEGACY_FLAGS) expect(section(skillMd, 'MCP server flags'), f).toContain(f)
  })

  it('names the fixed environment and the installer command for this server key', () => {
    for (const [k, v] of Object.entries(server.env)) expect(skillMd).toContain(`${k}=${v}`)
    expect(skillMd).toContain(`npx dbskills mcp ${server.key} --client`)
    for (const v of ['AWS_PROFILE', 'AWS_REGION']) expect(server.envVars).toContain(v)
  })
})
