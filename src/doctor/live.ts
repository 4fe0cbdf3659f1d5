/**
 * `dbskills doctor --live`: start every MCP server dbskills configured, the way its client would, ask it for its
 * tools, and compare them with the installed skill's tools.json. Values of environment variables are used to start
 * the server and never appear in a report; only their names do.
 */
import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import type { InstallRecord } from '../install/record.js'
import { parseToolsDoc, TOOLS_FILE, type ToolsDoc } from '../knowledge/tools-doc.js'
import { serverByKey } from '../mcp/catalog.js'
import { clientById, type McpClientSpec } from '../mcp/clients.js'
import { listTools, type Launch, type ListResult, type ServerInfo } from '../mcp/live-client.js'
import { writerFor } from '../writers/config-writer.js'
import { byCodePoint } from '../core/paths.js'
import { compareTools, describeDrift, launchedVersion, type Drift } from './tool-drift.js'

export interface LiveEnv {
  base: string
  home: string
  env: Readonly<Record<string, string | undefined>>
  packageRoot: string
  timeoutMs: number
  clientVersion: string
}

export interface ServerReport {
  skill: string
  key: string
  /** The config entries this launch serves (several clients often run the same command). */
  entries: { client: string; path: string }[]
  status: 'matches' | 'differs' | 'failed' | 'skipped'
  documented?: { package: string; version: string; from: 'installed' | 'packaged' }
  configuredVersion?: string
  serverInfo?: ServerInfo
  toolCount?: number
  differences: (Drift & { message: string })[]
  failure?: { kind: string; message: string; stderr?: string }
  /** Names of referenced variables that are not set (their references became empty strings). */
  unsetVariables: string[]
  notes: string[]
}

const REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}|\$\{(userHome)\}|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g

/** Expand the references clients expand: ${VAR}, ${VAR:-default}, ${env:VAR}, ${userHome}. Unset ones become ''. */
export function expandRefs(text: string, env: LiveEnv['env'], home: string, unset: Set<string>): string {
  return text.replace(REF, (_m, envName?: string, userHome?: string, name?: string, fallback?: string) => {
    if (userHome) return home
    const n = (envName ?? name)!
    const v = env[n]
    if (v !== undefined && v !== '') return v
    if (fallback !== undefined) return fallback
    unset.add(n)
    return ''
  })
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined)

/** The launch a client would make from one config entry; an error message when the entry is not a stdio server. */
export function resolveLaunch(entry: unknown, env: LiveEnv['env'], home: string, base: string): { launch: Launch; unset: string[] } | { error: string } {
  const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {}
  if (typeof e.command !== 'string' || !e.command) return { error: 'the entry has no command (not a stdio server)' }
  const unset = new Set<string>()
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  const own = typeof e.env === 'object' && e.env !== null ? (e.env as Record<string, unknown>) : {}
  for (const [k, v] of Object.entries(own)) if (typeof v === 'string') childEnv[k] = expandRefs(v, env, home, unset)
  // Codex forwards named variables (env_vars) from its own environment, which childEnv already holds.
  const cwd = typeof e.cwd === 'string' && e.cwd ? resolve(base, expandRefs(e.cwd, env, home, unset)) : base
  const launch: Launch = {
    command: expandRefs(e.command, env, home, unset),
    args: (strings(e.args) ?? []).map((a) => expandRefs(a, env, home, unset)),
    env: childEnv,
    cwd,
  }
  return { launch, unset: [...unset].sort() }
}

/** The last line of the server's stderr, with every environment value of eight or more characters masked. */
function redactedTail(stderr: string, env: Record<string, string>): string {
  let last = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1) ?? ''
  const values = Object.entries(env).filter(([, v]) => v.length >= 8).sort((a, b) => b[1].length - a[1].length)
  for (const [k, v] of values) last = last.split(v).join(`<${k}>`)
  return last.length > 300 ? `${last.slice(0, 300)}…` : last
}

/** A file's text, or undefined when it is not there (read-only: doctor never writes). */
async function readText(path: string): Promise<string | undefined> {
  try { return readFileSync(path, 'utf8') } catch { return undefined }
}

async function documentedTools(skill: string, record: InstallRecord, d: LiveEnv): Promise<{ doc: ToolsDoc; from: 'installed' | 'packaged' } | { error: string }> {
  const canonical = record.skills[skill]?.locations[0]
  const candidates: [string, 'installed' | 'packaged'][] = []
  if (canonical) candidates.push([join(d.base, canonical.path, TOOLS_FILE), 'installed'])
  candidates.push([join(d.packageRoot, 'skills', skill, TOOLS_FILE), 'packaged'])
  for (const [file, from] of candidates) {
    const text = await readText(file)
    if (text === undefined) continue
    const { doc, issues } = parseToolsDoc(text, file)
    if (!doc) return { error: `${file}: ${issues.map((i) => i.message).join('; ')}` }
    return { doc, from }
  }
  return { error: `no ${TOOLS_FILE} for ${skill}, installed or packaged` }
}

interface Planned { skill: string; key: string; client: McpClientSpec; path: string; launch?: Launch; unset: string[]; error?: string }

async function readEntries(record: InstallRecord, d: LiveEnv): Promise<Planned[]> {
  const out: Planned[] = []
  for (const [skill, rec] of Object.entries(record.skills).sort(([a], [b]) => byCodePoint(a, b))) {
    for (const e of rec.mcp) {
      const client = clientById(e.client)
      if (!client) continue
      const base = { skill, key: e.key, client, path: e.path, unset: [] as string[] }
      const text = await readText(join(d.base, e.path))
      if (text === undefined) { out.push({ ...base, error: `${e.path} is missing` }); continue }
      let entry: unknown
      try { entry = (await writerFor(client)).readServer(text, client.topKeyPath, e.key) } catch { out.push({ ...base, error: `${e.path} does not parse` }); continue }
      if (entry === undefined) { out.push({ ...base, error: `${e.path} has no "${e.key}" server` }); continue }
      const r = resolveLaunch(entry, d.env, d.home, d.base)
      out.push('error' in r ? { ...base, error: `${e.path}: ${r.error}` } : { ...base, launch: r.launch, unset: r.unset })
    }
  }
  return out
}

const signature = (p: Planned) => createHash('sha256').update(JSON.stringify([p.skill, p.key, p.launch])).digest('hex')

/** Start each distinct configured launch once (in parallel), compare, and report per server. */
export async function runLiveChecks(record: InstallRecord, d: LiveEnv): Promise<ServerReport[]> {
  const planned = await readEntries(record, d)
  const groups = new Map<string, Planned[]>()
  for (const p of planned) { const k = p.launch ? signature(p) : `${p.skill}\0${p.key}\0${p.path}\0${p.client.id}`; groups.set(k, [...(groups.get(k) ?? []), p]) }
  return Promise.all([...groups.values()].map(async (ps): Promise<ServerReport> => {
    const p = ps[0]!
    const report: ServerReport = { skill: p.skill, key: p.key, entries: ps.map((x) => ({ client: x.client.id, path: x.path })), status: 'skipped', differences: [], unsetVariables: p.unset, notes: [] }
    if (p.error || !p.launch) return { ...report, status: 'failed', failure: { kind: 'config', message: p.error ?? 'no launch' } }
    const documented = await documentedTools(p.skill, record, d)
    if ('error' in documented) return { ...report, notes: [documented.error] }
    report.documented = { package: documented.doc.package, version: documented.doc.version, from: documented.from }
    if (documented.from === 'packaged') report.notes.push(`the installed ${p.skill} has no ${TOOLS_FILE} (installed by an older dbskills); compared with the packaged skill: run dbskills update ${p.skill}`)
    const server = serverByKey(p.key)
    const configured = launchedVersion(server?.package ?? documented.doc.package, p.launch.args)
    if (configured !== undefined) report.configuredVersion = configured
    const live: ListResult = await listTools(p.launch, { timeoutMs: d.timeoutMs, clientVersion: d.clientVersion })
    if (!live.ok) return { ...report, status: 'failed', failure: { kind: live.failure, message: live.message, ...(live.stderr ? { stderr: redactedTail(live.stderr, p.launch.env) } : {}) } }
    report.serverInfo = live.serverInfo
    report.toolCount = live.tools.length
    if (documented.doc.serverInfo?.versionFrom === 'mcp-sdk' && live.serverInfo.version)
      report.notes.push(`serverInfo.version ${live.serverInfo.version} is the MCP SDK's, not ${documented.doc.package}'s (this server does not report its own)`)
    report.differences = compareTools(documented.doc, { serverInfo: live.serverInfo, tools: live.tools, ...(configured !== undefined ? { configuredVersion: configured } : {}) })
      .map((x) => ({ ...x, message: describeDrift(x) }))
    report.status = report.differences.length ? 'differs' : 'matches'
    return report
  }))
}
