// skills/<name>/tools.json is the machine-readable tool table: it must equal the catalog's tools for the pinned
// server (names, parameters, required ones), and the SKILL.md tool table must name the same tools and parameters.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { parseToolsDoc, type ToolsDoc } from '../../src/knowledge/tools-doc.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (rel: string) => readFileSync(`${root}${rel}`, 'utf8')

/** The first Markdown table whose header starts with "tool": tool name -> the parameters cell. */
function toolTable(md: string): Map<string, string> {
  const lines = md.split('\n')
  const start = lines.findIndex((l) => /^\|\s*tool\s*\|/.test(l))
  const rows = new Map<string, string>()
  if (start < 0) return rows
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break
    const [tool, params] = l.slice(1, -1).split(' | ')
    const name = /`([^`]+)`/.exec(tool ?? '')?.[1]
    if (name) rows.set(name, params ?? '')
  }
  return rows
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

/** Parameters the cell marks optional: the words after the ticked name, up to the next ticked name, say so. */
function markedOptional(cell: string): string[] {
  const parts = cell.split(/(`[^`]+`)/)
  const out: string[] = []
  for (let i = 1; i < parts.length; i += 2) {
    if (/\b(optional|default)\b/i.test((parts[i + 1] ?? '').split(/[;,]\s*`|;/)[0] ?? '')) out.push(parts[i]!.slice(1, -1))
  }
  return out
}

/** What the table disagrees with in the document; empty when they agree. */
function tableDrift(md: string, doc: ToolsDoc): string[] {
  const table = toolTable(md)
  const out: string[] = []
  for (const t of doc.tools) {
    const cell = table.get(t.name)
    if (cell === undefined) { out.push(`SKILL.md has no row for ${t.name}`); continue }
    const named = ticked(cell)
    for (const p of t.params) if (!named.includes(p)) out.push(`${t.name}: SKILL.md does not name parameter ${p}`)
    // A ticked word in parameter position (cell start, or after ", " / "; ") must be a parameter: this catches a
    // renamed or invented one (`statements`), while values inside descriptions (`python`, `cdk`) pass.
    const positional = [...cell.trim().matchAll(/(?:^|[,;]\s*)`([^`]+)`/g)].map((m) => m[1]!)
    for (const n of positional) if (/^[a-z][a-z0-9_]*$/.test(n) && !t.params.includes(n)) out.push(`${t.name}: SKILL.md names ${n}, which is not a parameter`)
    for (const n of markedOptional(cell)) if (t.required.includes(n)) out.push(`${t.name}: SKILL.md calls ${n} optional, but it is required`)
  }
  for (const name of table.keys()) if (!doc.tools.some((t) => t.name === name)) out.push(`SKILL.md lists ${name}, which tools.json does not`)
  return out
}

describe.each(SERVERS.map((s) => [s.skill, s] as const))('skills/%s/tools.json', (skill, server) => {
  const parsed = parseToolsDoc(read(`skills/${skill}/tools.json`), `skills/${skill}/tools.json`)

  it('is valid', () => {
    expect(parsed.issues).toEqual([])
  })

  it('equals the catalog: package, pinned version, tools, parameters and required parameters', () => {
    const doc = parsed.doc!
    expect({ server: doc.server, package: doc.package, version: doc.version, serverInfo: doc.serverInfo }).toEqual({ server: server.key, package: server.package, version: server.version, serverInfo: server.serverInfo })
    expect(doc.tools).toEqual(server.tools.map((t) => ({ name: t.name, params: t.params, required: t.required })))
  })

  it('agrees with the SKILL.md tool table', () => {
    expect(tableDrift(read(`skills/${skill}/SKILL.md`), parsed.doc!)).toEqual([])
  })
})

describe('the table check can fail', () => {
  const doc: ToolsDoc = {
    server: 'aurora-dsql', package: 'p', version: '1.0.0', checked: '2026-12-02',
    tools: [{ name: 'transact', params: ['sql_list', 'params_list'], required: ['sql_list'] }],
  }
  const table = (row: string) => `| tool | parameters | what |\n|---|---|---|\n${row}\n`
  it.each([
    ['| `transact` | `sql_list` (list), `params_list` (optional) | runs |', []],
    ['| `transact` | `statements` (list), `params_list` | runs |', ['transact: SKILL.md does not name parameter sql_list', 'transact: SKILL.md names statements, which is not a parameter']],
    ['| `transact` | `sql_list` (optional), `params_list` | runs |', ['transact: SKILL.md calls sql_list optional, but it is required']],
    ['| `execute_sql` | `sql_list`, `params_list` | runs |', ['SKILL.md has no row for transact', 'SKILL.md lists execute_sql, which tools.json does not']],
  ] as const)('%s', (row, want) => {
    expect(tableDrift(table(row), doc)).toEqual(want)
  })

  it('rejects a malformed tools.json with every problem listed', () => {
    const { issues } = parseToolsDoc(JSON.stringify({ server: 'x', package: '', version: 'latest', checked: 'd', tools: [{ name: 't', params: ['a'], required: ['b'] }, { name: 't', params: [], required: [] }] }), 'tools.json')
    expect(issues.map((i) => i.message)).toEqual([
      '"package" must be a non-empty string',
      '"version" must be an exact x.y.z version, not "latest"',
      'tools[0].required names "b", which is not in its params',
      'tool "t" is listed twice',
    ])
    expect(parseToolsDoc('{', 'f').issues[0]!.message).toMatch(/not valid JSON/)
  })
})
