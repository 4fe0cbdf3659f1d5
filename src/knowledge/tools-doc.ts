/**
 * `skills/<name>/tools.json`: the MCP tools a skill documents, machine-readable, beside SKILL.md so the folder stays
 * self-contained (the `skills` CLI copies it like any other file). One source for the skill's tool table (a test
 * checks the table against it and against src/mcp/catalog.ts) and for `dbskills doctor --live`.
 */
import type { Issue } from './schema.js'

export interface DocumentedTool {
  name: string
  params: string[]
  /** Subset of params without a default. */
  required: string[]
}

export interface ToolsDoc {
  /** Catalog server key, e.g. 'aurora-dsql'. */
  server: string
  package: string
  /** The pinned version the tools are true of. */
  version: string
  /** Date the list was checked against the server source. */
  checked: string
  /**
   * What the pinned version says in `initialize`: its serverInfo.name, and whose version serverInfo.version carries.
   * FastMCP 1.x servers pass no version, so the MCP SDK reports its own (e.g. "1.26.0"), not the package's.
   */
  serverInfo?: { name: string; versionFrom: 'package' | 'mcp-sdk' }
  tools: DocumentedTool[]
}

export const TOOLS_FILE = 'tools.json'

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0)

/** Validate a tools.json text; every problem is listed, nothing is cast. */
export function parseToolsDoc(text: string, file: string): { doc?: ToolsDoc; issues: Issue[] } {
  const issue = (message: string): Issue => ({ file, line: 1, rule: 'tools-json', message })
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return { issues: [issue(`not valid JSON: ${(err as Error).message}`)] }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { issues: [issue('must be a JSON object')] }
  const o = raw as Record<string, unknown>
  const issues: Issue[] = []
  const field = (k: string): string => {
    const v = o[k]
    if (typeof v === 'string' && v !== '') return v
    issues.push(issue(`"${k}" must be a non-empty string`))
    return ''
  }
  const [server, pkg, version, checked] = [field('server'), field('package'), field('version'), field('checked')]
  let serverInfo: ToolsDoc['serverInfo']
  if (o.serverInfo !== undefined) {
    const si = typeof o.serverInfo === 'object' && o.serverInfo !== null ? (o.serverInfo as Record<string, unknown>) : {}
    if (typeof si.name === 'string' && si.name && (si.versionFrom === 'package' || si.versionFrom === 'mcp-sdk')) serverInfo = { name: si.name, versionFrom: si.versionFrom }
    else issues.push(issue('"serverInfo" must be {"name": string, "versionFrom": "package" | "mcp-sdk"}'))
  }
  if (version && !/^\d+\.\d+\.\d+$/.test(version)) issues.push(issue(`"version" must be an exact x.y.z version, not "${version}"`))
  const tools: DocumentedTool[] = []
  if (!Array.isArray(o.tools)) issues.push(issue('"tools" must be an array'))
  else {
    o.tools.forEach((t: unknown, i) => {
      const r = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>
      const name = typeof r.name === 'string' && r.name ? r.name : undefined
      if (!name) issues.push(issue(`tools[${i}].name must be a non-empty string`))
      if (!isStrings(r.params)) issues.push(issue(`tools[${i}].params must be an array of names`))
      if (!isStrings(r.required)) issues.push(issue(`tools[${i}].required must be an array of names`))
      else if (isStrings(r.params)) for (const q of r.required) if (!r.params.includes(q)) issues.push(issue(`tools[${i}].required names "${q}", which is not in its params`))
      if (name && isStrings(r.params) && isStrings(r.required)) tools.push({ name, params: r.params, required: r.required })
    })
    const names = tools.map((t) => t.name)
    for (const n of new Set(names.filter((n, i) => names.indexOf(n) !== i))) issues.push(issue(`tool "${n}" is listed twice`))
  }
  if (issues.length) return { issues }
  return { doc: { server, package: pkg, version, checked, ...(serverInfo ? { serverInfo } : {}), tools }, issues }
}
