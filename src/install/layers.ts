/**
 * The two layers beside the skill: the steering that makes each agent read it, and each client's MCP server
 * entry. A steering file is a whole file of ours; a managed block and an MCP entry are parts of a user's file.
 * Each goes through the same decision table (decide.ts) as skill files.
 */
import { contentHash } from '../core/fs/hash.js'
import { CANONICAL_DIR, type Agent } from '../agents/registry.js'
import { serverForSkill, serversForSkill, type AnyServerSpec } from '../mcp/catalog.js'
import type { McpClientSpec } from '../mcp/clients.js'
import { buildEntry, entryHash } from '../mcp/entry.js'
import type { McpOptions } from '../mcp/options.js'
import { connectionFacts } from '../mcp/resolve.js'
import { writerFor, type McpConfigWriter } from '../writers/config-writer.js'
import type { SkillSteering } from '../steering/skills.js'
import { importBody, steeringTargets } from '../steering/targets.js'
import type { SteeringInput } from '../steering/types.js'
import { readBlock, removeBlock, upsertBlock, isConflict, BlockConflictError } from '../writers/managed-block.js'
import { renderBlockBody, renderCursorRule, renderKiroSteering } from '../writers/steering-md.js'
import { byCodePoint } from '../core/paths.js'
import { classify, decide, explain, type Decision } from './decide.js'
import type { PlanBuilder, TextDoc } from './builder.js'
import type { McpEntry, SteeringEntry } from './record.js'
import type { Owner } from './types.js'


export interface LayerInput {
  platform: NodeJS.Platform
  home: string
  skill: string
  agents: readonly Agent[]
  steering: boolean
  clients: readonly McpClientSpec[]
  /** Every client configured for this skill, this run's and earlier ones (steering names the server for those). */
  configuredClients: readonly string[]
  /** The skill's own steering data (its SKILL.md metadata, steering/skills.ts). */
  steeringData: SkillSteering
  options: McpOptions
  prevSteering: readonly SteeringEntry[]
  prevMcp: readonly McpEntry[]
  /** Shared files dbskills created (deleted again once they hold nothing). */
  createdFiles: readonly string[]
  createdKeys: Readonly<Record<string, string[]>>
}

export interface LayerOutput {
  steering: SteeringEntry[]
  mcp: McpEntry[]
  /** Config file -> container keys this plan creates in it. */
  createdKeys: Record<string, string[]>
}

/** The SKILL.md path this agent reads, as steering names it. */
function skillPathFor(agent: Agent, skill: string): string {
  return `${agent.skillsDir === CANONICAL_DIR ? CANONICAL_DIR : agent.skillsDir}/${skill}/SKILL.md`
}

/** keep / conflict for a part of a file, through the one message table. */
function report(b: PlanBuilder, d: Decision, doc: TextDoc, what: string, owner: Owner): void {
  const { message, hint } = explain(d.reason, what)
  if (d.action === 'conflict') b.conflict(doc.rel, message, hint)
  else b.ops.push({ kind: 'keep', path: doc.abs, reason: `${message} ${hint}`, why: d.reason, role: owner.layer, owner })
}

/** Decide one managed block (want: the body, or undefined to take it out). Returns the recorded hash afterwards. */
function planBlock(b: PlanBuilder, doc: TextDoc, skill: string, body: string | undefined, recorded: string | undefined, created: boolean, owner: Owner): string | undefined {
  const what = `the ${skill} block in ${doc.rel}`
  let current: string | undefined
  try {
    current = doc.now === undefined ? undefined : readBlock(doc.now, skill)
  } catch (err) {
    if (!(err instanceof BlockConflictError)) throw err
    b.conflict(doc.rel, `${doc.rel}: the dbskills markers are damaged (${err.conflicts.map((c) => c.message).join('; ')}).`, 'Repair or delete the marker lines by hand, then re-run.')
    return recorded
  }
  const wanted = body === undefined ? undefined : contentHash(body)
  const d = decide({ current: classify(current === undefined ? undefined : contentHash(current), wanted, recorded), want: body !== undefined, recorded: recorded !== undefined, force: b.force })
  if (d.action === 'unchanged') return wanted
  if (d.action === 'keep' || d.action === 'conflict') { report(b, d, doc, what, owner); return d.reason === 'user-changed-remove' || d.action === 'conflict' ? undefined : recorded }
  if (!b.textWritable(doc, doc.rel)) return recorded
  if (d.action === 'write') {
    const r = upsertBlock(doc.now, skill, body!)
    if (isConflict(r)) { b.conflict(doc.rel, `${doc.rel}: ${r.conflicts.map((c) => c.message).join('; ')}`, 'Repair the marker lines by hand, then re-run.'); return recorded }
    doc.now = r.content
    doc.owner ??= owner
    return wanted
  }
  const r = removeBlock(doc.now!, skill)
  if (isConflict(r)) { b.conflict(doc.rel, `${doc.rel}: the dbskills markers are damaged; remove the block by hand.`, 'Repair the marker lines, then re-run.'); return recorded }
  doc.now = r.empty && created ? undefined : r.content
  return undefined
}

/** Decide one MCP server entry in a client config. */
function planEntry(b: PlanBuilder, doc: TextDoc, writer: McpConfigWriter, client: McpClientSpec, key: string, entry: object | undefined, recorded: string | undefined, created: { file: boolean; keys: readonly string[] }, owner: Owner): { hash?: string; createdKeys?: string[] } {
  const what = `the "${key}" server in ${doc.rel}`
  if (doc.now !== undefined) {
    const bad = writer.check(doc.now, client.topKeyPath, doc.rel)
    if (bad) { b.conflict(doc.rel, `${doc.rel} cannot be edited: ${bad.message} (line ${bad.line}, column ${bad.column}).`, `Fix ${doc.rel} by hand (dbskills never rewrites a file it cannot parse), then re-run.`); return { hash: recorded } }
  }
  const existing = doc.now === undefined ? undefined : writer.readServer(doc.now, client.topKeyPath, key)
  const wanted = entry === undefined ? undefined : entryHash(entry)
  const d = decide({ current: classify(existing === undefined ? undefined : entryHash(existing), wanted, recorded), want: entry !== undefined, recorded: recorded !== undefined, force: b.force })
  if (d.action === 'unchanged') return { hash: wanted }
  if (d.action === 'keep' || d.action === 'conflict') { report(b, d, doc, what, owner); return { hash: d.reason === 'user-changed-remove' || d.action === 'conflict' ? undefined : recorded } }
  if (!b.textWritable(doc, doc.rel)) return { hash: recorded }
  if (d.action === 'write') {
    const r = writer.upsertServer(doc.now, client.topKeyPath, key, entry!)
    doc.now = r.content
    doc.owner ??= owner
    return { hash: wanted, createdKeys: r.created }
  }
  const r = writer.removeServer(doc.now!, client.topKeyPath, key, { created: created.keys })
  doc.now = r.empty && created.file ? undefined : r.content
  return {}
}

async function planSteering(b: PlanBuilder, input: LayerInput, out: LayerOutput): Promise<void> {
  const { skill } = input
  const server = serverForSkill(skill)
  const meta = input.steeringData
  const facts = server ? connectionFacts(server, input.options) : []
  const seen = new Set<string>()
  // Shared files: which ones get the block, and in which form, so each agent loads it once (src/steering/targets.ts).
  const shared = new Map(steeringTargets(input.agents).targets.map((t) => [t.path, t]))
  for (const agent of input.agents) {
    const path = agent.steering.path.replace('{skill}', skill)
    if (seen.has(path) || (agent.steering.kind === 'block' && !shared.has(path))) continue
    seen.add(path)
    const owner: Owner = { skill, layer: 'steering', agent: agent.id }
    const steeringInput: SteeringInput = {
      skill, title: meta.title, description: meta.description, fallback: meta.fallback, skillPath: skillPathFor(agent, skill),
      ...(server && input.configuredClients.includes(agent.mcpClient) ? { mcpServerKey: server.key } : {}),
      facts,
    }
    const mine = input.prevSteering.find((e) => e.path === path)
    if (agent.steering.kind !== 'block') {
      const text = agent.steering.kind === 'kiro' ? renderKiroSteering(steeringInput) : renderCursorRule(steeringInput)
      const h = b.file({ rel: path, content: text, recorded: mine?.hash, role: 'steering', owner, what: `steering ${path}` })
      if (h !== undefined) out.steering.push({ path, kind: 'file', hash: h })
      continue
    }
    const doc = b.text(path, 'steering', path)
    if (!doc) { if (mine) out.steering.push(mine); continue }
    // Two agents' files can be one real file (CLAUDE.md -> AGENTS.md): one block serves both.
    const twin = b.blockDone.get(`${doc.abs}\0${skill}`)
    if (twin !== undefined) { out.steering.push({ path, kind: 'block', hash: twin }); continue }
    // An import (`@AGENTS.md`) where another agent's file already carries the block; never an import of itself.
    const target = shared.get(path)
    const imports = target?.form === 'import' && b.snap.follow(target.from!).abs !== doc.abs
    const body = imports ? importBody(meta.title, target.from!) : renderBlockBody(steeringInput)
    const h = planBlock(b, doc, skill, body, mine?.hash, input.createdFiles.includes(path), owner)
    if (h !== undefined) { out.steering.push({ path, kind: 'block', hash: h }); b.blockDone.set(`${doc.abs}\0${skill}`, h) }
  }
}

async function planMcp(b: PlanBuilder, input: LayerInput, out: LayerOutput): Promise<void> {
  for (const server of serversForSkill(input.skill, { sandbox: input.options.sandbox })) await planMcpServer(b, input, out, server)
}

async function planMcpServer(b: PlanBuilder, input: LayerInput, out: LayerOutput, server: AnyServerSpec): Promise<void> {
  for (const client of input.clients) {
    const path = client.projectPath
    // Clients that share a file (.mcp.json: Claude Code, Copilot CLI, Qwen Code) share one entry, recorded once.
    if (out.mcp.some((m) => m.path === path && m.key === server.key)) continue
    const mine = input.prevMcp.find((e) => e.path === path && e.key === server.key)
    const doc = b.text(path, 'mcp', path)
    if (!doc) { if (mine) out.mcp.push(mine); continue }
    const owner: Owner = { skill: input.skill, layer: 'mcp', client: client.id }
    const entry = buildEntry(server, input.options, client, { platform: input.platform, home: input.home })
    const r = planEntry(b, doc, await writerFor(client), client, server.key, entry, mine?.hash, { file: false, keys: [] }, owner)
    if (r.createdKeys?.length) out.createdKeys[path] = r.createdKeys
    if (r.hash !== undefined) out.mcp.push({ path, client: client.id, key: server.key, hash: r.hash })
  }
}

/** Plan steering and MCP entries for one skill. Entries recorded earlier that this run does not touch stay recorded. */
export async function planLayers(b: PlanBuilder, input: LayerInput): Promise<LayerOutput> {
  const out: LayerOutput = { steering: [], mcp: [], createdKeys: {} }
  if (input.steering) await planSteering(b, input, out)
  await planMcp(b, input, out)
  for (const e of input.prevSteering) if (!out.steering.some((s) => s.path === e.path)) out.steering.push(e)
  for (const e of input.prevMcp) if (!out.mcp.some((m) => m.path === e.path && m.key === e.key)) out.mcp.push(e)
  // A stable order, so the record of an unchanged install is byte-identical whatever order agents came in.
  out.steering.sort((x, y) => byCodePoint(x.path, y.path))
  out.mcp.sort((x, y) => byCodePoint(x.path, y.path) || byCodePoint(x.key, y.key))
  return out
}

/** Remove exactly our steering and MCP entries; what the user changed or deleted is reported and left alone. */
export async function planRemoveLayers(b: PlanBuilder, input: Pick<LayerInput, 'skill' | 'prevSteering' | 'prevMcp' | 'createdFiles' | 'createdKeys'>, clients: readonly McpClientSpec[]): Promise<void> {
  const { skill } = input
  for (const e of input.prevSteering) {
    const owner: Owner = { skill, layer: 'steering' }
    if (e.kind === 'file') { b.file({ rel: e.path, content: undefined, recorded: e.hash, role: 'steering', owner, what: `steering ${e.path}` }); continue }
    const doc = b.text(e.path, 'steering', e.path)
    if (doc) planBlock(b, doc, skill, undefined, e.hash, input.createdFiles.includes(e.path), owner)
  }
  for (const e of input.prevMcp) {
    const client = clients.find((c) => c.id === e.client)
    if (!client) continue
    const doc = b.text(e.path, 'mcp', e.path)
    if (!doc) continue
    const owner: Owner = { skill, layer: 'mcp', client: client.id }
    planEntry(b, doc, await writerFor(client), client, e.key, undefined, e.hash, { file: input.createdFiles.includes(e.path), keys: input.createdKeys[e.path] ?? [] }, owner)
  }
}
