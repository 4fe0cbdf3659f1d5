import { readdir } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { hashFile, linkPointsTo, probe, realDir } from './disk.js'
import type { Location } from './record.js'
import type { SkillSource } from './source.js'
import type { Conflict, FileOp } from './types.js'

/** Ops for one location, split by phase so apply can run deletes, then copies, then links. */
export interface LocationPlan {
  pre: FileOp[]
  copy: FileOp[]
  link: FileOp[]
  conflicts: Conflict[]
  warnings: string[]
  /** What the record should say about this location after apply. */
  location: Location
}

export interface LocationInput {
  base: string
  want: Location
  /** Same path in the previous record: we own what is there. */
  prev?: Location
  source: SkillSource
  /** Absolute path of the canonical copy (link target). */
  canonical: string
  force: boolean
}

const FORCE_HINT = 'Move it away, or re-run with --force to replace it.'

async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = []
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else out.push(relative(dir, p).split(sep).join('/'))
    }
  }
  await walk(dir)
  return out
}

/** Plan one location of one skill: a real copy, or a link to the canonical copy. */
export async function planLocation(input: LocationInput): Promise<LocationPlan> {
  const { base, want, prev, source, canonical, force } = input
  const abs = join(base, want.path)
  const out: LocationPlan = { pre: [], copy: [], link: [], conflicts: [], warnings: [], location: { ...want } }
  const here = await probe(abs)
  const conflict = (message: string) => out.conflicts.push({ path: abs, message, hint: FORCE_HINT })

  if (want.type === 'copy') {
    const owned = prev?.type === 'copy' ? (prev.files ?? {}) : undefined
    if (here.type === 'symlink') {
      const ours = (prev && prev.type !== 'copy') || (await linkPointsTo(here, abs, canonical))
      if (!ours && !force) conflict(`${want.path} is a link we did not create (it points to ${here.text}).`)
      out.pre.push({ kind: 'delete', path: abs, what: 'symlink', role: 'link' })
    } else if (here.type === 'file') {
      if (!force) conflict(`${want.path} is a file where the ${source.skill.name} skill folder should go.`)
      out.pre.push({ kind: 'delete', path: abs, what: 'file', role: 'skill' })
    } else if (here.type === 'dir' && !owned && !force) {
      // A folder we did not write: adopt it only when it already holds exactly this skill.
      const same = await Promise.all(source.files.map(async (f) => (await hashFile(join(abs, f.rel))) === f.hash))
      if (!same.every(Boolean)) conflict(`${want.path} already exists and was not installed by dbskills.`)
    }
    const fresh = here.type !== 'dir'
    const files: Record<string, string> = {}
    for (const f of source.files) {
      const path = join(abs, f.rel)
      const disk = fresh ? undefined : await hashFile(path)
      const mine = owned?.[f.rel]
      if (disk === undefined) out.copy.push({ kind: 'write', path, content: f.content, mode: f.mode, action: 'create', role: 'skill' })
      else if (disk === f.hash) out.copy.push({ kind: 'write', path, content: f.content, mode: f.mode, action: 'unchanged', role: 'skill' })
      else if (disk === mine || force) out.copy.push({ kind: 'write', path, content: f.content, mode: f.mode, action: 'update', role: 'skill' })
      else {
        out.copy.push({ kind: 'keep', path, reason: 'changed since dbskills installed it (use --force to replace)', role: 'skill' })
        files[f.rel] = mine ?? disk
        continue
      }
      files[f.rel] = f.hash
    }
    // Files we installed earlier that the new version no longer has.
    for (const [rel, hash] of Object.entries(owned ?? {})) {
      if (rel in files) continue
      const path = join(abs, rel)
      const disk = await hashFile(path)
      if (disk === undefined) continue
      if (disk === hash || force) out.pre.push({ kind: 'delete', path, what: 'file', role: 'skill' })
      else {
        out.copy.push({ kind: 'keep', path, reason: 'no longer part of the skill, but changed since dbskills installed it', role: 'skill' })
        files[rel] = hash
      }
    }
    out.location = { path: want.path, type: 'copy', files }
    return out
  }

  // A link (symlink, or a junction on Windows) to the canonical copy.
  const target = want.type === 'junction' ? canonical : relative(await realDir(dirname(abs)), await realDir(canonical))
  out.location = { path: want.path, type: want.type, target }
  const link = (action: 'create' | 'replace' | 'unchanged') =>
    out.link.push({ kind: 'symlink', path: abs, target, action, junction: want.type === 'junction', role: 'link', fallbackFrom: canonical })

  if (here.type === 'missing') link('create')
  else if (here.type === 'symlink') {
    if (await linkPointsTo(here, abs, canonical)) link('unchanged')
    else if (prev || force) {
      if (here.dangling) out.warnings.push(`${want.path} was a broken link; it is repaired.`)
      out.pre.push({ kind: 'delete', path: abs, what: 'symlink', role: 'link' })
      link('replace')
    } else conflict(`${want.path} is a link we did not create (it points to ${here.text}).`)
  } else if (here.type === 'file') {
    if (!force) conflict(`${want.path} is a file where a link to the ${source.skill.name} skill should go.`)
    out.pre.push({ kind: 'delete', path: abs, what: 'file', role: 'skill' })
    link('create')
  } else {
    // A real folder: our earlier copy (switching to a link), or someone else's.
    const owned = prev?.type === 'copy' ? (prev.files ?? {}) : undefined
    let clean = !!owned
    if (owned) {
      for (const rel of await filesIn(abs)) if (owned[rel] === undefined || (await hashFile(join(abs, rel))) !== owned[rel]) clean = false
    }
    if (!clean && !force)
      conflict(owned ? `${want.path} holds files changed since dbskills copied them; a link cannot replace it.` : `${want.path} already exists and was not installed by dbskills.`)
    out.pre.push({ kind: 'delete', path: abs, what: 'tree', role: 'skill' })
    link('create')
  }
  return out
}
