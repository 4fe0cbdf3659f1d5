/**
 * What a running MCP server offers, compared with what the installed skill documents (its tools.json). Pure: the
 * live side comes from src/mcp/live-client.ts, the launch version from the client config.
 */
import type { DocumentedTool, ToolsDoc } from '../knowledge/tools-doc.js'
import type { LiveTool, ServerInfo } from '../mcp/live-client.js'
import { versionLte } from '../mcp/catalog.js'
import { imageName } from '../mcp/entry.js'

export type Drift =
  | { kind: 'missing-tool'; tool: string }
  | { kind: 'new-tool'; tool: string }
  | { kind: 'renamed-tool'; from: string; to: string }
  | { kind: 'new-param'; tool: string; param: string; required: boolean }
  | { kind: 'removed-param'; tool: string; param: string }
  | { kind: 'now-required'; tool: string; param: string }
  | { kind: 'now-optional'; tool: string; param: string }
  | { kind: 'newer-version' | 'older-version'; documented: string; live: string; source: 'serverInfo' | 'config' }
  | { kind: 'unpinned'; documented: string }

export interface LiveView {
  serverInfo: ServerInfo
  tools: LiveTool[]
  /**
   * The package version the client config launches (`pkg@x.y.z`, `pkg==x.y.z` or an image tag), 'unpinned' when the
   * config names the package without a version, undefined when the launch does not name the package at all.
   */
  configuredVersion?: string
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0')

function paramDrift(doc: DocumentedTool, live: LiveTool, name = live.name): Drift[] {
  const out: Drift[] = []
  for (const p of live.params) if (!doc.params.includes(p)) out.push({ kind: 'new-param', tool: name, param: p, required: live.required.includes(p) })
  for (const p of doc.params) if (!live.params.includes(p)) out.push({ kind: 'removed-param', tool: name, param: p })
  for (const p of live.required) if (doc.params.includes(p) && !doc.required.includes(p)) out.push({ kind: 'now-required', tool: name, param: p })
  for (const p of doc.required) if (live.params.includes(p) && !live.required.includes(p)) out.push({ kind: 'now-optional', tool: name, param: p })
  return out
}

function compareVersion(documented: string, live: string, source: 'serverInfo' | 'config'): Drift[] {
  if (!/^\d+\.\d+\.\d+$/.test(live) || live === documented) return []
  return [{ kind: versionLte(live, documented) ? 'older-version' : 'newer-version', documented, live, source }]
}

/** Every difference between the documented and the live tool surface; empty means "matches the skill". */
export function compareTools(doc: ToolsDoc, live: LiveView): Drift[] {
  const out: Drift[] = []
  const docByName = new Map(doc.tools.map((t) => [t.name, t]))
  const liveByName = new Map(live.tools.map((t) => [t.name, t]))
  const missing = doc.tools.filter((t) => !liveByName.has(t.name))
  const added = live.tools.filter((t) => !docByName.has(t.name))
  // A documented tool gone and a new one with the same parameters, one to one: a rename.
  const renamed = new Map<string, LiveTool>()
  for (const m of missing) {
    const twins = added.filter((a) => sameSet(a.params, m.params))
    if (twins.length === 1 && missing.filter((x) => sameSet(x.params, twins[0]!.params)).length === 1) renamed.set(m.name, twins[0]!)
  }
  const renamedTo = new Set([...renamed.values()].map((t) => t.name))
  for (const m of missing) {
    const to = renamed.get(m.name)
    if (to) out.push({ kind: 'renamed-tool', from: m.name, to: to.name }, ...paramDrift(m, to))
    else out.push({ kind: 'missing-tool', tool: m.name })
  }
  for (const a of added) if (!renamedTo.has(a.name)) out.push({ kind: 'new-tool', tool: a.name })
  for (const t of doc.tools) { const l = liveByName.get(t.name); if (l) out.push(...paramDrift(t, l)) }
  if (live.configuredVersion === 'unpinned') out.push({ kind: 'unpinned', documented: doc.version })
  else if (live.configuredVersion !== undefined) out.push(...compareVersion(doc.version, live.configuredVersion, 'config'))
  // serverInfo.version is the package's only when the skill says so; FastMCP 1.x servers report the SDK's.
  if ((doc.serverInfo?.versionFrom ?? 'package') === 'package' && live.serverInfo.version) out.push(...compareVersion(doc.version, live.serverInfo.version, 'serverInfo'))
  return out
}

/** One line per difference, in words a user can act on. */
export function describeDrift(d: Drift): string {
  switch (d.kind) {
    case 'missing-tool': return `tool ${d.tool} is documented but the server does not offer it`
    case 'new-tool': return `new tool ${d.tool}, not in the skill`
    case 'renamed-tool': return `tool ${d.from} is now called ${d.to}`
    case 'new-param': return `tool ${d.tool} has a new ${d.required ? 'required' : 'optional'} parameter ${d.param}`
    case 'removed-param': return `tool ${d.tool} no longer takes parameter ${d.param}`
    case 'now-required': return `tool ${d.tool}: parameter ${d.param} is now required`
    case 'now-optional': return `tool ${d.tool}: parameter ${d.param} is now optional`
    case 'newer-version':
    case 'older-version':
      return `${d.source === 'config' ? 'the config launches' : 'the server reports'} version ${d.live}, ${d.kind === 'newer-version' ? 'newer' : 'older'} than ${d.documented}, the version the skill documents`
    case 'unpinned': return `the config does not pin a version (the skill documents ${d.documented}); whatever the launcher fetches today runs`
  }
}

/** The version a launch runs, read from its args: see LiveView.configuredVersion. */
export function launchedVersion(pkg: string, args: readonly string[]): string | undefined {
  const esc = pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const image = imageName(pkg)
  const escImage = image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  for (const a of args) {
    const m = new RegExp(`(?:^|[\\s=])(?:${esc}(?:@|==)|${escImage}:)(\\d+\\.\\d+\\.\\d+)$`).exec(a)
    if (m) return m[1]
  }
  return args.some((a) => a === pkg || a.startsWith(`${pkg}@`) || a === image || a.startsWith(`${image}:`) || a.endsWith(`=${pkg}`)) ? 'unpinned' : undefined
}
