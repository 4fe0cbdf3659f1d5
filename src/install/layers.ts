/**
 * The two layers beside the skill (issue: steering and MCP configuration): the steering that makes each agent
 * read the skill, and each client's MCP server entry. Planned on a Draft, with the same ownership rules as skill
 * files: ours and unchanged -> rewrite; ours but edited by the user -> keep (unless --force); not ours -> conflict.
 */
import { contentHash } from '../core/fs/hash.js'
import { CANONICAL_DIR, type Agent } from '../agents/registry.js'
import { serverForSkill } from '../mcp/catalog.js'
import type { McpClientSpec } from '../mcp/clients.js'
import { buildEntry, entryHash } from '../mcp/entry.js'
import type { McpOptions } from '../mcp/options.js'
import { connectionFacts } from '../mcp/resolve.js'
import { writerFor } from '../mcp/writer.js'
import { skillSteering } from '../steering/skills.js'
import { importBody, steeringTargets } from '../steering/targets.js'
import type { SteeringInput } from '../steering/types.js'
import { readBlock, removeBlock, upsertBlock, isConflict, BlockConflictError } from '../writers/managed-block.js'
import { renderBlockBody, renderCursorRule, renderKiroSteering } from '../writers/steering-md.js'
import { join } from 'node:path'
import type { Draft } from './draft.js'
import type { McpEntry, SkillRecord, SteeringEntry } from './record.js'
import type { Conflict, FileOp } from './types.js'
import { byCodePoint } from '../core/paths.js'

const hashText = (t: string) => contentHash(Buffer.from(t))

export interface LayerInput {
  base: string
  platform: NodeJS.Platform
  home: string
  force: boolean
  skill: string
  agents: readonly Agent[]
  steering: boolean
  clients: readonly McpClientSpec[]
  options: McpOptions
  prev?: SkillRecord
  draft: Draft
}

export interface LayerOutput {
  steering: SteeringEntry[]
  mcp: McpEntry[]
  /** Config file -> container keys this plan creates in it. */
  createdKeys: Record<string, string[]>
  conflicts: Conflict[]
  keeps: FileOp[]
}

/** The SKILL.md path this agent reads, as steering names it. */
function skillPathFor(agent: Agent, skill: string): string {
  return `${agent.skillsDir === CANONICAL_DIR ? CANONICAL_DIR : agent.skillsDir}/${skill}/SKILL.md`
}

const FORCE = 'Move it away, or re-run with --force to replace it.'

async function planSteering(input: LayerInput, out: LayerOutput): Promise<void> {
  const { draft, skill, prev, force } = input
  const server = serverForSkill(skill)
  const meta = skillSteering(skill)
  if (!meta) return
  const facts = server ? connectionFacts(server, input.options) : []
  const seen = new Set<string>()
  // Shared files: which ones get the block, and in which form, so each agent loads it once (src/steering/targets.ts).
  const shared = new Map(steeringTargets(input.agents).targets.map((t) => [t.path, t]))
  for (const agent of input.agents) {
    const path = agent.steering.path.replace('{skill}', skill)
    if (seen.has(path) || (agent.steering.kind === 'block' && !shared.has(path))) continue
    seen.add(path)
    const steeringInput: SteeringInput = {
      skill, title: meta.title, description: meta.description, skillPath: skillPathFor(agent, skill),
      ...(server && input.clients.some((c) => c.id === agent.mcpClient) ? { mcpServerKey: server.key } : {}),
      facts,
    }
    const mine = prev?.steering.find((e) => e.path === path)
    const abs = join(input.base, path)
    const before = await draft.read(path)

    if (agent.steering.kind !== 'block') {
      const text = agent.steering.kind === 'kiro' ? renderKiroSteering(steeringInput) : renderCursorRule(steeringInput)
      const entry: SteeringEntry = { path, kind: 'file', hash: hashText(text) }
      if (before === undefined || hashText(before) === entry.hash || (mine && hashText(before) === mine.hash) || force) {
        await draft.write(path, text, 'steering')
        out.steering.push(entry)
      } else if (mine) {
        out.keeps.push({ kind: 'keep', path: abs, reason: 'steering changed since dbskills wrote it (use --force to replace)', role: 'steering' })
        out.steering.push(mine)
      } else out.conflicts.push({ path: abs, message: `${path} already exists and was not written by dbskills.`, hint: FORCE })
      continue
    }

    const target = shared.get(path)
    const body = target?.form === 'import' ? importBody(meta.title, target.from!) : renderBlockBody(steeringInput)
    let current: string | undefined
    try {
      current = before === undefined ? undefined : readBlock(before, skill)
    } catch (err) {
      if (!(err instanceof BlockConflictError)) throw err
      out.conflicts.push({ path: abs, message: `${path}: the dbskills markers are damaged (${err.conflicts.map((c) => c.message).join('; ')}).`, hint: 'Repair or delete the marker lines by hand, then re-run.' })
      continue
    }
    const entry: SteeringEntry = { path, kind: 'block', hash: hashText(body) }
    if (current !== undefined && hashText(current) !== entry.hash && !(mine && hashText(current) === mine.hash) && !force) {
      if (mine) {
        out.keeps.push({ kind: 'keep', path: abs, reason: `the ${skill} block was changed since dbskills wrote it (use --force to replace)`, role: 'steering' })
        out.steering.push(mine)
      } else out.conflicts.push({ path: abs, message: `${path} already holds a dbskills ${skill} block that this project's record does not know.`, hint: 'Delete the block, or re-run with --force to take it over.' })
      continue
    }
    const result = upsertBlock(before, skill, body)
    if (isConflict(result)) {
      out.conflicts.push({ path: abs, message: `${path}: ${result.conflicts.map((c) => c.message).join('; ')}`, hint: 'Repair the marker lines by hand, then re-run.' })
      continue
    }
    await draft.write(path, result.content, 'steering')
    out.steering.push(entry)
  }
}

async function planMcp(input: LayerInput, out: LayerOutput): Promise<void> {
  const { draft, skill, prev, force } = input
  const server = serverForSkill(skill)
  if (!server) return
  for (const client of input.clients) {
    const path = client.projectPath
    const abs = join(input.base, path)
    const writer = await writerFor(client)
    const before = await draft.read(path)
    if (before !== undefined) {
      const bad = writer.check(before, client.topKeyPath, path)
      if (bad) {
        out.conflicts.push({ path: abs, message: `${path} cannot be edited: ${bad.message} (line ${bad.line}, column ${bad.column}).`, hint: `Fix ${path} by hand (dbskills never rewrites a file it cannot parse), then re-run.` })
        continue
      }
    }
    const entry = buildEntry(server, input.options, client, { platform: input.platform, home: input.home })
    const hash = entryHash(entry)
    const mine = prev?.mcp.find((e) => e.path === path && e.key === server.key)
    const existing = before === undefined ? undefined : writer.readServer(before, client.topKeyPath, server.key)
    const existingHash = existing === undefined ? undefined : entryHash(existing)
    if (existingHash !== undefined && existingHash !== hash && existingHash !== mine?.hash && !force) {
      if (mine) {
        out.keeps.push({ kind: 'keep', path: abs, reason: `the ${server.key} server entry was changed since dbskills wrote it (use --force to replace)`, role: 'mcp' })
        out.mcp.push(mine)
      } else out.conflicts.push({ path: abs, message: `${path} already has an "${server.key}" server that dbskills did not write.`, hint: 'Rename or remove it, or re-run with --force to replace it.' })
      continue
    }
    const result = writer.upsertServer(before, client.topKeyPath, server.key, entry)
    await draft.write(path, result.content, 'mcp')
    if (result.created.length) out.createdKeys[path] = result.created
    out.mcp.push({ path, client: client.id, key: server.key, hash })
  }
}

/** Plan steering and MCP entries for one skill on the shared draft. */
export async function planLayers(input: LayerInput): Promise<LayerOutput> {
  const out: LayerOutput = { steering: [], mcp: [], createdKeys: {}, conflicts: [], keeps: [] }
  if (input.steering) await planSteering(input, out)
  await planMcp(input, out)
  // Entries recorded earlier that this run did not touch (e.g. another agent's) stay recorded.
  for (const e of input.prev?.steering ?? []) if (!out.steering.some((s) => s.path === e.path)) out.steering.push(e)
  for (const e of input.prev?.mcp ?? []) if (!out.mcp.some((m) => m.path === e.path && m.key === e.key)) out.mcp.push(e)
  // A stable order, so the record of an unchanged install is byte-identical whatever order agents came in.
  out.steering.sort((a, b) => byCodePoint(a.path, b.path))
  out.mcp.sort((a, b) => byCodePoint(a.path, b.path) || byCodePoint(a.key, b.key))
  return out
}

/** Remove exactly our steering and MCP entries; keep what the user changed unless forced. */
export async function planRemoveLayers(input: {
  base: string; force: boolean; skill: string; rec: SkillRecord; draft: Draft; clients: readonly McpClientSpec[]
  /** Files we created: deleted once they hold nothing (record.createdFiles). */
  createdFiles: readonly string[]
  createdKeys: Readonly<Record<string, string[]>>
}): Promise<FileOp[]> {
  const { draft, rec, force, skill } = input
  const keeps: FileOp[] = []
  const keep = (path: string, reason: string, role: FileOp['role']) => keeps.push({ kind: 'keep', path: join(input.base, path), reason, role })
  for (const e of rec.steering) {
    const text = await draft.read(e.path)
    if (text === undefined) continue
    if (e.kind === 'file') {
      if (hashText(text) === e.hash || force) await draft.delete(e.path, 'steering')
      else keep(e.path, 'steering changed since dbskills wrote it (use --force to delete it)', 'steering')
      continue
    }
    let body: string | undefined
    try { body = readBlock(text, skill) } catch { keep(e.path, 'the dbskills markers are damaged; remove the block by hand', 'steering'); continue }
    if (body === undefined) continue
    if (hashText(body) !== e.hash && !force) { keep(e.path, `the ${skill} block was changed since dbskills wrote it (use --force to delete it)`, 'steering'); continue }
    const result = removeBlock(text, skill)
    if (isConflict(result)) { keep(e.path, 'the dbskills markers are damaged; remove the block by hand', 'steering'); continue }
    if (result.empty && input.createdFiles.includes(e.path)) await draft.delete(e.path, 'steering')
    else await draft.write(e.path, result.content, 'steering')
  }
  for (const e of rec.mcp) {
    const client = input.clients.find((c) => c.id === e.client)
    const text = await draft.read(e.path)
    if (!client || text === undefined) continue
    const writer = await writerFor(client)
    if (writer.check(text, client.topKeyPath, e.path)) { keep(e.path, 'cannot be parsed any more; remove the entry by hand', 'mcp'); continue }
    const existing = writer.readServer(text, client.topKeyPath, e.key)
    if (existing === undefined) continue
    if (entryHash(existing) !== e.hash && !force) { keep(e.path, `the ${e.key} server entry was changed since dbskills wrote it (use --force to delete it)`, 'mcp'); continue }
    const result = writer.removeServer(text, client.topKeyPath, e.key, { created: input.createdKeys[e.path] ?? [] })
    if (result.empty && input.createdFiles.includes(e.path)) await draft.delete(e.path, 'mcp')
    else await draft.write(e.path, result.content, 'mcp')
  }
  return keeps
}
