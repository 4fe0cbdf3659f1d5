// The aurora-mysql skill and the installer's MCP catalog describe the same server. If one changes (a new pin, a new
// flag, a renamed tool parameter) without the other, an agent would be taught one command line while the installer
// writes another. This test compares them both ways: package, pinned version, flags (and whether each takes a value),
// tools and their parameter names in order, the write switch and the fixed environment.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { codeFences } from '../../src/knowledge/markdown.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'aurora-mysql')
const skillMd = readFileSync(join(skillDir, 'SKILL.md'), 'utf8')
const serverMd = readFileSync(join(skillDir, 'references', 'mysql-mcp-server.md'), 'utf8')
const server = SERVERS.find((s) => s.skill === 'aurora-mysql')

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}`)
  if (start === -1) throw new Error(`no heading "${heading}"`)
  const next = md.slice(start + 1).search(/\n#{2,3} /)
  return next === -1 ? md.slice(start) : md.slice(start, start + 1 + next)
}

/** Table rows of a section as arrays of trimmed cells (header and separator rows dropped). */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .slice(1)
    .map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()))
}
const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

describe('aurora-mysql skill vs the MCP catalog (src/mcp/catalog.ts)', () => {
  it('has a catalog entry for this skill', () => {
    expect(server?.key).toBe('aurora-mysql')
  })

  it('names the same package and pinned version', () => {
    const table = rows(section(skillMd, '## The server this skill documents'))
    const cell = (name: string) => table.find((r) => r[0] === name)?.[1] ?? ''
    expect(ticked(cell('PyPI package'))).toEqual([server!.package])
    expect(ticked(cell('pinned release'))).toEqual([`${server!.package}@${server!.version}`])
  })

  it('pins that version everywhere it writes a non-legacy launch command', () => {
    const pins: string[] = []
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.md') ? [join(d, e.name)] : []))
    for (const file of walk(skillDir))
      for (const m of readFileSync(file, 'utf8').matchAll(/awslabs\.mysql-mcp-server@([0-9A-Za-z.]+)/g)) pins.push(m[1]!)
    expect(pins.length).toBeGreaterThanOrEqual(5)
    expect([...new Set(pins.filter((v) => v !== 'latest'))]).toEqual([server!.version])
  })

  it('documents exactly the catalog flags, and which of them take a value', () => {
    const table = rows(section(skillMd, '### Flags of the pinned release'))
    const documented = new Map(table.map((r) => [ticked(r[0]!)[0]!, r[1] !== 'no value']))
    const catalog = new Map(server!.flags.map((f) => [f.name, f.takesValue]))
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalog))
    expect(documented.get(server!.writeFlag!)).toBe(false)
  })

  it('documents exactly the catalog tools with their parameters in order (SKILL.md table)', () => {
    const table = rows(section(skillMd, '### Tools of the pinned release'))
    const documented = Object.fromEntries(table.map((r) => [ticked(r[0]!)[0]!, r[1] === 'none' ? [] : ticked(r[1]!)]))
    const catalog = Object.fromEntries(server!.tools.map((t) => [t.name, t.params]))
    expect(documented).toEqual(catalog)
  })

  it('gives the same signatures in the tool reference (references/mysql-mcp-server.md)', () => {
    const signatures = [...section(serverMd, '## Tool reference').matchAll(/^- `([a-z_]+)\(([^)]*)\)`/gm)]
    const documented = Object.fromEntries(
      signatures.map((m) => [m[1]!, m[2]!.split(',').map((p) => p.trim().replace(/[?]$|=.*$/, '')).filter(Boolean)]),
    )
    const catalog = Object.fromEntries(server!.tools.map((t) => [t.name, t.params]))
    expect(documented).toEqual(catalog)
  })

  it('shows the catalog’s fixed environment in the example config', async () => {
    const current = (await codeFences(skillMd)).find((f) => f.lang === 'json' && f.meta === 'current')
    const entry = Object.values((JSON.parse(current!.value) as { mcpServers: Record<string, { env?: Record<string, string> }> }).mcpServers)[0]!
    for (const [name, value] of Object.entries(server!.env)) expect(entry.env?.[name], name).toBe(value)
    for (const name of Object.keys(entry.env ?? {})) expect([...server!.envVars, ...Object.keys(server!.env)]).toContain(name)
  })
})
