// The dsql skill documents the Aurora DSQL MCP server; src/mcp/catalog.ts is what the installer configures. They must
// agree: the same tools with the same parameter names, the same flags, the same pinned version, and every JSON tool
// call example in the skill must use a real tool with real parameter names (guessed names cost agents 30 retries).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { codeFences } from '../../src/knowledge/markdown.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'dsql')
const skillMd = readFileSync(join(skillDir, 'SKILL.md'), 'utf8')
const server = SERVERS.find((s) => s.key === 'aurora-dsql')
if (!server) throw new Error('catalog has no aurora-dsql server')

const mdFiles = [join(skillDir, 'SKILL.md'), ...readdirSync(join(skillDir, 'references')).filter((f) => f.endsWith('.md')).map((f) => join(skillDir, 'references', f))]

/** Rows of the first Markdown table after `heading` whose first cell is a backticked name. */
function tableRows(md: string, heading: string): Array<{ name: string; cells: string[] }> {
  const start = md.indexOf(heading)
  if (start < 0) throw new Error(`SKILL.md has no "${heading}"`)
  const lines = md.slice(start).split('\n')
  const first = lines.findIndex((l) => l.startsWith('|'))
  const rows: Array<{ name: string; cells: string[] }> = []
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break
    const cells = line.split('|').slice(1, -1).map((c) => c.trim())
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1]
    if (name) rows.push({ name, cells })
  }
  return rows
}

describe('dsql skill vs src/mcp/catalog.ts', () => {
  it('names the pinned server version in SKILL.md and in every launch command', () => {
    expect(skillMd).toContain(`version ${server.version})`)
    const pins = mdFiles.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/awslabs\.aurora-dsql-mcp-server@([\w.]+)/g)].map((m) => `${relative(skillDir, f)}: ${m[1]}`),
    )
    expect(pins.length).toBeGreaterThan(0)
    expect(pins.filter((p) => !p.endsWith(`: ${server.version}`))).toEqual([])
  })

  it('documents exactly the catalog tools, each with exactly its parameters', () => {
    const rows = tableRows(skillMd, '## MCP tools')
    const documented = Object.fromEntries(rows.map((r) => [r.name, [...new Set([...(r.cells[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]))]]))
    const catalog = Object.fromEntries(server.tools.map((t) => [t.name, t.params]))
    expect(documented).toEqual(catalog)
  })

  it('documents exactly the catalog flags', () => {
    const flags = tableRows(skillMd, 'Server flags').map((r) => r.name).sort()
    expect(flags).toEqual(server.flags.map((f) => f.name).sort())
  })

  it('uses only catalog flags in launch commands', () => {
    const known = new Set(server.flags.map((f) => f.name))
    const unknown = mdFiles.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/awslabs\.aurora-dsql-mcp-server@[\w.]+"?((?:[^\n])*)/g)].flatMap((m) =>
        [...(m[1] ?? '').matchAll(/(--[a-z][\w-]*)/g)].map((x) => x[1]!).filter((x) => !known.has(x)).map((x) => `${relative(skillDir, f)}: ${x}`),
      ),
    )
    expect(unknown).toEqual([])
  })

  it('writes every JSON tool-call example with a real tool and real parameter names', async () => {
    const params = new Map(server.tools.map((t) => [t.name, new Set(t.params)]))
    const calls: Array<{ where: string; tool: string; args: string[] }> = []
    for (const f of mdFiles) {
      for (const fence of await codeFences(readFileSync(f, 'utf8'))) {
        if (fence.lang !== 'json') continue
        const where = `${relative(skillDir, f)}:${fence.line}`
        const parsed: unknown = JSON.parse(fence.value)
        for (const c of Array.isArray(parsed) ? parsed : [parsed]) {
          const call = c as { tool?: string; arguments?: Record<string, unknown> }
          if (call.tool) calls.push({ where, tool: call.tool, args: Object.keys(call.arguments ?? {}) })
        }
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(8)
    const bad = calls.flatMap((c) => {
      const p = params.get(c.tool)
      if (!p) return [`${c.where}: unknown tool ${c.tool}`]
      return c.args.filter((a) => !p.has(a)).map((a) => `${c.where}: ${c.tool} has no parameter ${a}`)
    })
    expect(bad).toEqual([])
  })

  it('pairs every transact params_list with its sql_list, one entry per statement', async () => {
    const problems: string[] = []
    for (const f of mdFiles) {
      for (const fence of await codeFences(readFileSync(f, 'utf8'))) {
        if (fence.lang !== 'json') continue
        const parsed: unknown = JSON.parse(fence.value)
        for (const c of Array.isArray(parsed) ? parsed : [parsed]) {
          const { tool, arguments: a } = c as { tool?: string; arguments?: { sql_list?: string[]; params_list?: unknown[][] } }
          if (tool !== 'transact' || !a?.sql_list) continue
          const where = `${relative(skillDir, f)}:${fence.line}`
          if (a.sql_list.some((s) => /;\s*\S/.test(s))) problems.push(`${where}: several statements in one sql_list item`)
          if (a.params_list && a.params_list.length !== a.sql_list.length) problems.push(`${where}: params_list length differs`)
          a.sql_list.forEach((s, i) => {
            const placeholders = (s.match(/%s/g) ?? []).length
            const given = a.params_list?.[i]?.length ?? 0
            if (placeholders !== given) problems.push(`${where}: statement ${i} has ${placeholders} %s but ${given} values`)
          })
        }
      }
    }
    expect(problems).toEqual([])
  })
})
