/**
 * Desired state → plan. `add` = recorded ∪ requested, `update` = recorded rendered again, `remove` = recorded
 * minus those skills. Reads only through the snapshot; decides only through decide.ts; writes nothing.
 */
import { dirname, join, sep } from 'node:path'
import { CANONICAL_DIR, readsCanonical, type Agent } from '../agents/registry.js'
import { CLIENTS, type McpClientSpec } from '../mcp/clients.js'
import type { McpOptions } from '../mcp/options.js'
import { skillSteering } from '../steering/skills.js'
import { PlanBuilder } from './builder.js'
import { planLayers, planRemoveLayers } from './layers.js'
import { planCopy, planLink, removeLocation } from './location.js'
import { RECORD_PATH, SKILLS_LOCK_PATH, serializeRecord, type InstallRecord, type LayerSettings, type Location, type SkillRecord } from './record.js'
import { planSkillsLock } from './skills-lock.js'
import { Snapshot } from './snapshot.js'
import type { SkillSource } from './source.js'
import type { FileOp, Plan } from './types.js'

export type LinkMode = 'auto' | 'symlink' | 'copy'

export interface PlanContext {
  /** Project dir, or the home dir for --global. */
  base: string
  /** The user's home dir (Docker mounts ~/.aws from it). */
  home: string
  scope: 'project' | 'global'
  platform: NodeJS.Platform
  force: boolean
  /** Write through links that lead outside the project (--follow-outside-links). */
  allowOutside?: boolean
  /** dbskills package version, written into skills-lock.json. */
  packageVersion: string
  record: InstallRecord
}

/** Where one skill goes for the chosen agents: the canonical copy first, then each agent's own dir. */
export function skillLocations(name: string, agents: readonly Agent[], link: LinkMode, ctx: Pick<PlanContext, 'scope' | 'platform'>): Location[] {
  const linkType = ctx.platform === 'win32' ? 'junction' : 'symlink'
  const out: Location[] = [{ path: `${CANONICAL_DIR}/${name}`, type: 'copy' }]
  for (const a of agents) {
    if (readsCanonical(a)) continue
    const dir = ctx.scope === 'global' ? a.globalSkillsDir : a.skillsDir
    const type = link === 'copy' || (link === 'auto' && a.autoLink === 'copy') ? 'copy' : linkType
    if (!out.some((l) => l.path === `${dir}/${name}`)) out.push({ path: `${dir}/${name}`, type })
  }
  return out
}

export interface SkillRequest {
  source: SkillSource
  /** Locations wanted for this skill (canonical first). */
  locations: Location[]
  agents: string[]
  link: LinkMode
  /** Steering and MCP config to plan with the skill (project scope). */
  layers?: {
    agents: readonly Agent[]
    steering: boolean
    clients: readonly McpClientSpec[]
    options: McpOptions
    settings: LayerSettings
  }
}

function builderFor(ctx: PlanContext): PlanBuilder {
  return new PlanBuilder(new Snapshot(ctx.base, ctx.allowOutside), ctx.force)
}

/** Plan installing (or updating) skills: copies, links, steering, MCP entries, then skills-lock.json and our record. */
export async function planInstall(ctx: PlanContext, command: 'add' | 'update', requests: SkillRequest[]): Promise<Plan> {
  const b = builderFor(ctx)
  const next: InstallRecord = structuredClone(ctx.record)
  for (const req of requests) {
    const name = req.source.skill.name
    const prev = ctx.record.skills[name]
    const canonical = join(b.base, req.locations[0]!.path)
    const locations: Location[] = []
    for (const want of req.locations) {
      const before = prev?.locations.find((l) => l.path === want.path)
      const owner = { skill: name, layer: want.type === 'copy' ? 'skill' as const : 'link' as const }
      locations.push(want.type === 'copy' ? planCopy(b, want, before, req.source, owner) : planLink(b, want, before, canonical, want.type === 'junction', owner))
    }
    const record: SkillRecord = {
      version: req.source.skill.version, hash: req.source.hash, link: req.link, agents: [...new Set(req.agents)].sort(), locations,
      steering: prev?.steering ?? [], mcp: prev?.mcp ?? [], ...(prev?.layers ? { layers: prev.layers } : {}),
    }
    if (req.layers) {
      const { settings, ...layer } = req.layers
      const out = await planLayers(b, { platform: ctx.platform, home: ctx.home, skill: name, ...layer, configuredClients: settings.mcpClients, steeringData: skillSteering(req.source.skill), prevSteering: prev?.steering ?? [], prevMcp: prev?.mcp ?? [], createdFiles: next.createdFiles, createdKeys: next.createdKeys })
      record.steering = out.steering
      record.mcp = out.mcp
      record.layers = settings
      for (const [path, keys] of Object.entries(out.createdKeys)) next.createdKeys[path] ??= keys
    }
    next.skills[name] = record
  }
  if (ctx.scope === 'project') planSkillsLock(b, next, requests.map((r) => ({ name: r.source.skill.name, hash: r.source.hash })), [], ctx.packageVersion)
  return finish(b, ctx, command, next, requests.map((r) => r.source.skill.name))
}

/** Plan removing skills: exactly what the record says we wrote, keeping anything changed since. */
export async function planRemove(ctx: PlanContext, names: string[]): Promise<Plan> {
  const b = builderFor(ctx)
  const next: InstallRecord = structuredClone(ctx.record)
  for (const name of names) {
    const rec = ctx.record.skills[name]
    if (!rec) continue
    await planRemoveLayers(b, { skill: name, prevSteering: rec.steering, prevMcp: rec.mcp, createdFiles: next.createdFiles, createdKeys: next.createdKeys }, CLIENTS)
    // Links first, so nothing points into a folder that is already gone; the canonical copy last.
    const ordered = [...rec.locations.filter((l) => l.type !== 'copy'), ...rec.locations.filter((l) => l.type === 'copy').reverse()]
    for (const loc of ordered) removeLocation(b, loc, { skill: name, layer: loc.type === 'copy' ? 'skill' : 'link' })
    delete next.skills[name]
  }
  const stillUsed = new Set(Object.values(next.skills).flatMap((r) => r.mcp.map((m) => m.path)))
  for (const path of Object.keys(next.createdKeys)) if (!stillUsed.has(path)) delete next.createdKeys[path]
  if (ctx.scope === 'project') planSkillsLock(b, next, [], names, ctx.packageVersion)
  const kept = b.ops.filter((o) => o.kind === 'keep').length
  if (kept) b.warnings.push(`Kept ${kept} item(s) you changed after dbskills installed them; they are yours now and dbskills no longer tracks them (to delete them too, re-run this remove with --force instead).`)
  return finish(b, ctx, 'remove', next, names)
}

/** Text edits (steering before MCP, so a config never names a server whose steering failed), the record, the folders. */
function finish(b: PlanBuilder, ctx: PlanContext, command: Plan['command'], next: InstallRecord, skills: string[]): Plan {
  const texts = [...b.flushTexts((d) => d.role === 'steering'), ...b.flushTexts((d) => d.role === 'mcp'), ...b.flushTexts()]
  for (const rel of b.createdTexts) if (!next.createdFiles.includes(rel)) next.createdFiles.push(rel)
  next.createdFiles = next.createdFiles.filter((f) => !b.deletedTexts.includes(f))
  const body = [...b.ops.filter((o) => o.kind !== 'keep'), ...texts]
  const keeps = b.ops.filter((o) => o.kind === 'keep')
  if (command === 'remove') {
    const rmdirs = emptiedDirs(b, next, body)
    const record = recordOp(b, next)
    return plan(b, command, [...body, ...keeps, ...record, ...rmdirs], skills)
  }
  createdDirs(b, next)
  return plan(b, command, [...body, ...keeps, ...recordOp(b, next)], skills)
}

function plan(b: PlanBuilder, command: Plan['command'], ops: FileOp[], skills: string[]): Plan {
  return { version: 1, command, base: b.base, ops, conflicts: b.conflicts, warnings: b.warnings, skills }
}

/** Our record: written, or deleted once it lists nothing. */
function recordOp(b: PlanBuilder, next: InstallRecord): FileOp[] {
  const doc = b.text(RECORD_PATH, 'lock', RECORD_PATH)
  if (!doc) return []
  doc.now = Object.keys(next.skills).length === 0 ? undefined : serializeRecord(next)
  return b.flushTexts((d) => d === doc)
}

/**
 * Record every parent folder (below the base) that does not exist yet, by its path as the record names things
 * (through links inside the project, never the link's target), so remove can take it away again.
 */
function createdDirs(b: PlanBuilder, next: InstallRecord): void {
  const seen = new Set(next.createdDirs)
  const paths = [RECORD_PATH, SKILLS_LOCK_PATH, ...Object.values(next.skills).flatMap((r) => [
    // A copy's own folder is created too (a child stands for it); a link's folder is only its parent.
    ...r.locations.flatMap((l) => (l.type === 'copy' ? [`${l.path}/x`, ...Object.keys(l.files ?? {}).map((f) => `${l.path}/${f}`)] : [l.path])),
    ...r.steering.map((e) => e.path), ...r.mcp.map((e) => e.path),
  ])]
  for (const p of paths) {
    for (let d = dirname(p); d !== '.' && d !== ''; d = dirname(d)) {
      if (seen.has(d)) continue
      if (b.snap.at(d).kind !== 'missing') break
      seen.add(d)
      next.createdDirs.push(d)
    }
  }
}

/** Folders we created that will be empty once everything planned is gone (deepest first). */
function emptiedDirs(b: PlanBuilder, next: InstallRecord, ops: FileOp[]): FileOp[] {
  const gone = new Set(ops.filter((o) => o.kind === 'delete' || o.kind === 'rmdir').map((o) => o.path))
  if (Object.keys(next.skills).length === 0) gone.add(join(b.base, RECORD_PATH))
  const out: FileOp[] = []
  for (const rel of [...next.createdDirs].sort((x, y) => y.length - x.length)) {
    const st = b.snap.at(rel)
    if (st.kind === 'missing') { next.createdDirs = next.createdDirs.filter((d) => d !== rel); continue }
    if (st.kind !== 'dir') continue
    const entries = b.snap.list(rel) ?? []
    if (!entries.every((e) => gone.has(join(st.abs, e)))) continue
    gone.add(st.abs)
    next.createdDirs = next.createdDirs.filter((d) => d !== rel)
    out.push({ kind: 'rmdir', path: st.abs, role: 'skill' })
  }
  return out
}
