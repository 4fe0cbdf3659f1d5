import { readdir } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { CANONICAL_DIR, readsCanonical, type Agent } from '../agents/registry.js'
import { hashFile, probe, readText } from './disk.js'
import { planLocation } from './plan-location.js'
import {
  RECORD_PATH, SKILLS_LOCK_PATH, isOurSkillsLockEntry, readSkillsLock, serializeRecord, serializeSkillsLock, skillsLockEntry,
  type InstallRecord, type LayerSettings, type Location, type SkillRecord,
} from './record.js'
import type { SkillSource } from './source.js'
import type { Conflict, FileOp, Plan } from './types.js'
import { Draft } from './draft.js'
import { planLayers, planRemoveLayers } from './layers.js'
import { CLIENTS, type McpClientSpec } from '../mcp/clients.js'
import type { McpOptions } from '../mcp/options.js'

export type LinkMode = 'auto' | 'symlink' | 'copy'

export interface PlanContext {
  /** Project dir, or the home dir for --global. */
  base: string
  /** The user's home dir (Docker mounts ~/.aws from it). */
  home: string
  scope: 'project' | 'global'
  platform: NodeJS.Platform
  force: boolean
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

/** Plan installing (or updating) skills: copies, links, then skills-lock.json and our record. */
export async function planInstall(ctx: PlanContext, command: 'add' | 'update', requests: SkillRequest[]): Promise<Plan> {
  const pre: FileOp[] = [], copies: FileOp[] = [], links: FileOp[] = [], keeps: FileOp[] = []
  const conflicts: Conflict[] = [], warnings: string[] = []
  const next: InstallRecord = structuredClone(ctx.record)
  const draft = new Draft(ctx.base)

  for (const req of requests) {
    const name = req.source.skill.name
    const prev = ctx.record.skills[name]
    const canonical = join(ctx.base, req.locations[0]!.path)
    const locations: Location[] = []
    for (const want of req.locations) {
      const prevLoc = prev?.locations.find((l) => l.path === want.path)
      const lp = await planLocation({ base: ctx.base, want, prev: prevLoc, source: req.source, canonical, force: ctx.force })
      pre.push(...lp.pre); copies.push(...lp.copy); links.push(...lp.link)
      conflicts.push(...lp.conflicts); warnings.push(...lp.warnings)
      locations.push(lp.location)
    }
    const record: SkillRecord = {
      version: req.source.skill.version,
      hash: req.source.hash,
      link: req.link,
      agents: [...new Set(req.agents)].sort(),
      locations,
      steering: prev?.steering ?? [],
      mcp: prev?.mcp ?? [],
      ...(prev?.layers ? { layers: prev.layers } : {}),
    }
    if (req.layers) {
      const { settings, ...layer } = req.layers
      const out = await planLayers({ base: ctx.base, platform: ctx.platform, home: ctx.home, force: ctx.force, skill: name, prev, draft, ...layer })
      record.steering = out.steering
      record.mcp = out.mcp
      record.layers = settings
      for (const [path, keys] of Object.entries(out.createdKeys)) next.createdKeys[path] ??= keys
      conflicts.push(...out.conflicts)
      keeps.push(...out.keeps)
    }
    next.skills[name] = record
  }

  const lockOps = await planLocks(ctx, next, (lock) => {
    for (const req of requests) {
      const existing = lock.skills[req.source.skill.name]
      if (existing && !isOurSkillsLockEntry(existing) && !ctx.force)
        conflicts.push({ path: join(ctx.base, SKILLS_LOCK_PATH), message: `skills-lock.json already records a different "${req.source.skill.name}" skill (source ${String(existing.source)}).`, hint: 'Remove it with `npx skills remove`, or re-run with --force to take it over.' })
      lock.skills[req.source.skill.name] = skillsLockEntry(req.source.hash, ctx.packageVersion)
    }
  })
  // Markdown before JSON configs, so a config never names a server whose steering failed to land.
  const drafted = draft.ops()
  for (const op of drafted) {
    const rel = relative(ctx.base, op.path).split(sep).join('/')
    if (op.kind === 'write' && op.action === 'create' && !next.createdFiles.includes(rel)) next.createdFiles.push(rel)
  }
  const ops = [...pre, ...copies, ...links, ...drafted.filter((o) => o.role === 'steering'), ...drafted.filter((o) => o.role !== 'steering'), ...keeps]
  await addCreatedDirs(ctx.base, ops, next)
  const plan: Plan = { version: 1, command, base: ctx.base, ops: [...ops, ...lockOps(next)], conflicts, warnings, skills: requests.map((r) => r.source.skill.name) }
  return plan
}

/**
 * skills-lock.json (project scope only: the skills CLI's global lock is a different, v3 format we leave
 * alone) and our own record. Returns a function so the record can be finalised after other layers.
 */
async function planLocks(ctx: PlanContext, next: InstallRecord, edit: (lock: { version: 1; skills: Record<string, Record<string, unknown>> }) => void) {
  const skillsLockPath = join(ctx.base, SKILLS_LOCK_PATH)
  const recordPath = join(ctx.base, RECORD_PATH)
  const lockText = ctx.scope === 'project' ? await readText(skillsLockPath) : undefined
  const lock = ctx.scope === 'project' ? ((await readSkillsLock(ctx.base)) ?? { version: 1 as const, skills: {} }) : undefined
  if (lock) {
    edit(lock)
    if (lockText === undefined && !next.createdFiles.includes(SKILLS_LOCK_PATH)) next.createdFiles.push(SKILLS_LOCK_PATH)
  }
  const recordText = await readText(recordPath)
  return (final: InstallRecord): FileOp[] => {
    const ops: FileOp[] = []
    if (lock) {
      const empty = Object.keys(lock.skills).length === 0
      if (empty && final.createdFiles.includes(SKILLS_LOCK_PATH)) {
        if (lockText !== undefined) ops.push({ kind: 'delete', path: skillsLockPath, what: 'file', role: 'lock' })
        final.createdFiles = final.createdFiles.filter((f) => f !== SKILLS_LOCK_PATH)
      } else ops.push(writeOp(skillsLockPath, serializeSkillsLock(lock), lockText))
    }
    if (Object.keys(final.skills).length === 0) {
      if (recordText !== undefined) ops.push({ kind: 'delete', path: recordPath, what: 'file', role: 'lock' })
    } else ops.push(writeOp(recordPath, serializeRecord(final), recordText))
    return ops
  }
}

function writeOp(path: string, content: string, before: string | undefined): FileOp {
  const action = before === undefined ? 'create' : before.replace(/\r\n/g, '\n') === content ? 'unchanged' : 'update'
  return { kind: 'write', path, content, action, role: 'lock' }
}

/** Record every parent dir (below base) that does not exist yet, so remove can take it away again. */
async function addCreatedDirs(base: string, ops: FileOp[], next: InstallRecord): Promise<void> {
  const seen = new Set(next.createdDirs)
  const paths = ops.filter((o) => o.kind === 'write' || o.kind === 'symlink').map((o) => o.path)
  paths.push(join(base, RECORD_PATH))
  for (const p of paths) {
    for (let d = dirname(p); d !== base && d.startsWith(base); d = dirname(d)) {
      const rel = relative(base, d).split(sep).join('/')
      if (seen.has(rel)) continue
      if ((await probe(d)).type !== 'missing') break
      seen.add(rel)
      next.createdDirs.push(rel)
    }
  }
}

/** Plan removing skills: exactly what the record says we wrote, keeping anything changed since. */
export async function planRemove(ctx: PlanContext, names: string[]): Promise<Plan> {
  const ops: FileOp[] = []
  const warnings: string[] = []
  const next: InstallRecord = structuredClone(ctx.record)
  const draft = new Draft(ctx.base)
  const keep = (path: string, reason: string, role: FileOp['role']) => {
    ops.push({ kind: 'keep', path, reason, role })
  }
  for (const name of names) {
    const rec = ctx.record.skills[name]
    if (!rec) continue
    ops.push(...(await planRemoveLayers({ base: ctx.base, force: ctx.force, skill: name, rec, draft, clients: CLIENTS, createdFiles: next.createdFiles, createdKeys: next.createdKeys })))
    const canonical = join(ctx.base, rec.locations[0]?.path ?? `${CANONICAL_DIR}/${name}`)
    // Links first, so nothing points into a folder that is already gone; the canonical copy last.
    const ordered = [...rec.locations.filter((l) => l.type !== 'copy'), ...rec.locations.filter((l) => l.type === 'copy').reverse()]
    for (const loc of ordered) {
      const abs = join(ctx.base, loc.path)
      const here = await probe(abs)
      if (here.type === 'missing') continue
      if (loc.type !== 'copy') {
        const ours = here.type === 'symlink' && (here.text === loc.target || here.resolved === canonical)
        if (ours || ctx.force) ops.push({ kind: 'delete', path: abs, what: here.type === 'symlink' ? 'symlink' : 'tree', role: 'link' })
        else keep(abs, 'no longer the link dbskills made (use --force to delete it)', 'link')
        continue
      }
      if (here.type !== 'dir') {
        if (ctx.force) ops.push({ kind: 'delete', path: abs, what: here.type === 'symlink' ? 'symlink' : 'file', role: 'skill' })
        else keep(abs, 'replaced since dbskills installed it (use --force to delete it)', 'skill')
        continue
      }
      const dirs = new Set<string>()
      for (const [rel, hash] of Object.entries(loc.files ?? {})) {
        const path = join(abs, rel)
        const disk = await hashFile(path)
        if (disk === undefined) continue
        if (disk === hash || ctx.force) ops.push({ kind: 'delete', path, what: 'file', role: 'skill' })
        else keep(path, 'changed since dbskills installed it (use --force to delete it)', 'skill')
        for (let d = dirname(path); d.startsWith(abs) && d !== abs; d = dirname(d)) dirs.add(d)
      }
      for (const d of [...dirs].sort((a, b) => b.length - a.length)) ops.push({ kind: 'rmdir', path: d, role: 'skill' })
      ops.push({ kind: 'rmdir', path: abs, role: 'skill' })
    }
    delete next.skills[name]
  }
  const drafted = draft.ops()
  ops.push(...drafted)
  // Shared files and keys we created are forgotten once gone, or once no skill has an entry in them any more.
  const deleted = new Set(drafted.filter((o) => o.kind === 'delete').map((o) => relative(ctx.base, o.path).split(sep).join('/')))
  next.createdFiles = next.createdFiles.filter((f) => !deleted.has(f))
  const stillUsed = new Set(Object.values(next.skills).flatMap((r) => r.mcp.map((m) => m.path)))
  for (const path of Object.keys(next.createdKeys)) if (!stillUsed.has(path)) delete next.createdKeys[path]

  const locks = await planLocks(ctx, next, (lock) => {
    for (const name of names) if (isOurSkillsLockEntry(lock.skills[name])) delete lock.skills[name]
  })
  // Dirs we created that will be empty once everything planned is gone (deepest first).
  const gone = new Set([...ops, ...locks(structuredClone(next))].filter((o) => o.kind === 'delete' || o.kind === 'rmdir').map((o) => o.path))
  const rmdirs: FileOp[] = []
  for (const rel of [...next.createdDirs].sort((a, b) => b.length - a.length)) {
    const abs = join(ctx.base, rel)
    const entries = await readdir(abs).catch(() => undefined)
    if (entries !== undefined && !entries.every((e) => gone.has(join(abs, e)))) continue
    gone.add(abs)
    next.createdDirs = next.createdDirs.filter((d) => d !== rel)
    if (entries !== undefined) rmdirs.push({ kind: 'rmdir', path: abs, role: 'skill' })
  }
  const kept = ops.filter((o) => o.kind === 'keep').length
  if (kept) warnings.push(`Kept ${kept} item(s) you changed after dbskills installed them; they are yours now and dbskills no longer tracks them (to delete them too, re-run this remove with --force instead).`)
  // Lock files are settled before the dirs that hold them are removed.
  const ordered = [...ops, ...locks(next), ...rmdirs]
  return { version: 1, command: 'remove', base: ctx.base, ops: ordered, conflicts: [], warnings, skills: names }
}
