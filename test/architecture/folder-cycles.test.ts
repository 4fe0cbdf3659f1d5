// src/ folders must not import each other in a cycle: dependencies between folders point one way, so a folder can be
// read, tested and replaced on its own. Every import form counts (static, `import type`, `export … from`, dynamic
// `import()`), because a type-only cycle is still a design cycle.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '..', '..', 'src')
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [])
}

/** src/cli/commands/add.ts -> cli; src/x.ts -> '.' */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep)
  return parts.length > 1 ? parts[0]! : '.'
}

/** Folder -> folder edges, each with one example `file -> specifier` so a failure says where to look. */
export function folderGraph(files: { path: string; text: string }[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>()
  for (const { path, text } of files) {
    const from = folderOf(path)
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(path), m[1]!)
      if (!target.startsWith(SRC + sep)) continue
      const to = folderOf(target)
      if (to === from) continue
      const edges = graph.get(from) ?? new Map<string, string>()
      if (!edges.has(to)) edges.set(to, `${relative(SRC, path)} imports ${m[1]}`)
      graph.set(from, edges)
    }
  }
  return graph
}

/** Every elementary cycle's folders, found by DFS from each node (the graph is a dozen nodes). */
export function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found = new Map<string, string[]>()
  const visit = (start: string, node: string, path: string[]): void => {
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) {
        const key = [...path].sort().join(',')
        if (!found.has(key)) found.set(key, [...path, start])
      } else if (!path.includes(next) && next > start) visit(start, next, [...path, next])
    }
  }
  for (const start of graph.keys()) visit(start, start, [start])
  return [...found.values()]
}

const explain = (graph: Map<string, Map<string, string>>, cycle: string[]): string =>
  cycle.slice(0, -1).map((f, i) => `${f} -> ${cycle[i + 1]} (${graph.get(f)!.get(cycle[i + 1]!)})`).join('; ')

describe('src/ folders import each other without cycles', () => {
  it('finds a cycle when there is one (the check itself can fail)', () => {
    const g = folderGraph([
      { path: join(SRC, 'mcp', 'a.ts'), text: "import { x } from '../writers/b.js'\n" },
      { path: join(SRC, 'writers', 'b.ts'), text: "import type { Y } from '../mcp/c.js'\n" },
      { path: join(SRC, 'cli', 'main.ts'), text: "const m = await import('../mcp/a.js')\nexport { z } from '../core/z.js'\n" },
    ])
    expect(cycles(g).map((c) => c.join(' -> '))).toEqual(['mcp -> writers -> mcp'])
    expect([...g.get('cli')!.keys()]).toEqual(['mcp', 'core'])
  })

  it('src/ has none', () => {
    const files = tsFiles(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    const graph = folderGraph(files)
    expect(graph.size).toBeGreaterThan(3)
    expect(cycles(graph).map((c) => explain(graph, c))).toEqual([])
  })
})
