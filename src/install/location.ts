/**
 * One location of one skill: a real copy (the canonical `.agents/skills/<name>`, Kiro's copy) or a link to the
 * canonical copy. Files go through the builder's decision table; the folder and the link are decided here with
 * the same table (decide.ts), the link compared by the text we wrote.
 */
import { dirname, join, relative } from 'node:path'
import { classify, decide, explain } from './decide.js'
import type { PlanBuilder } from './builder.js'
import type { Location } from './record.js'
import type { SkillSource } from './source.js'
import type { PathState, Snapshot } from './snapshot.js'
import type { Owner } from './types.js'

/** Plan a copy location; returns the record entry it will have after apply. */
export function planCopy(b: PlanBuilder, want: Location, prev: Location | undefined, source: SkillSource, owner: Owner): Location {
  let st = b.snap.at(want.path)
  const owned = prev?.type === 'copy' ? (prev.files ?? {}) : {}
  const what = `${want.path}`
  if (st.kind === 'link') {
    // Our own earlier link (switching to a copy) goes; a user's link is followed when it stays in the project.
    if (prev && prev.type !== 'copy' && st.text === prev.target) {
      if (!b.writable(st, what)) return prev
      b.ops.push({ kind: 'delete', path: st.abs, what: 'symlink', role: 'link', owner })
      st = { kind: 'missing', rel: st.rel, abs: st.abs }
    } else st = b.snap.follow(want.path)
  }
  if (st.kind === 'blocked') { b.blocked(st); return prev ?? { ...want, files: {} } }
  if (st.kind === 'file') {
    const d = decide({ current: 'other', want: true, recorded: false, force: b.force })
    if (d.action === 'conflict') { b.conflict(st.rel, `${want.path} is a file where the ${source.skill.name} skill folder should go.`, explain('foreign', what).hint); return prev ?? { ...want, files: {} } }
    if (!b.writable(st, what)) return prev ?? { ...want, files: {} }
    b.ops.push({ kind: 'delete', path: st.abs, what: 'file', role: 'skill', owner })
    st = { kind: 'missing', rel: st.rel, abs: st.abs }
  }
  const files: Record<string, string> = {}
  if (st.kind === 'missing') {
    // A new folder: staged and renamed into place whole, so an interruption never leaves half a skill behind.
    if (!b.writable(st, what)) return prev ?? { ...want, files: {} }
    b.ops.push({ kind: 'tree', path: st.abs, files: source.files.map((f) => ({ rel: f.rel, content: f.content, mode: f.mode, hash: f.hash })), from: source.skill.dir, role: 'skill', owner })
    for (const f of source.files) files[f.rel] = f.hash
    return { path: want.path, type: 'copy', files }
  }
  // An existing folder: ours (recorded), or someone's. A folder we did not write is adopted only when it already
  // holds exactly this skill; otherwise every differing file is a conflict.
  const realRel = st.rel
  for (const f of source.files) {
    const h = b.file({ rel: `${realRel}/${f.rel}`, content: f.content, recorded: owned[f.rel], mode: f.mode, role: 'skill', owner, what: `${want.path}/${f.rel}` })
    if (h !== undefined) files[f.rel] = h
  }
  // Files we installed earlier that this version no longer ships.
  for (const [rel, hash] of Object.entries(owned)) {
    if (source.files.some((f) => f.rel === rel)) continue
    const h = b.file({ rel: `${realRel}/${rel}`, content: undefined, recorded: hash, role: 'skill', owner, what: `${want.path}/${rel}` })
    if (h !== undefined) files[rel] = h
  }
  return { path: want.path, type: 'copy', files }
}

/** Plan a link location pointing at the canonical copy. */
export function planLink(b: PlanBuilder, want: Location, prev: Location | undefined, canonical: string, junction: boolean, owner: Owner): Location {
  const st = b.snap.at(want.path)
  if (st.kind === 'blocked') { b.blocked(st); return prev ?? want }
  const target = junction ? canonical : relative(b.snap.realParentOf(want.path), b.snap.realPathOf(canonical))
  const recorded = prev && prev.type !== 'copy' ? prev.target : undefined
  const entry: Location = { path: want.path, type: want.type, target }
  const link = (action: 'create' | 'replace' | 'unchanged') =>
    b.ops.push({ kind: 'symlink', path: st.abs, target, action, junction, role: 'link', fallbackFrom: canonical, owner })
  const what = `${want.path}`
  if (st.kind === 'link') {
    const same = linksTo(b.snap, st, target, canonical)
    const d = decide({ current: same ? 'wanted' : classify(st.text, target, recorded), want: true, recorded: recorded !== undefined, force: b.force })
    if (d.action === 'unchanged') { link('unchanged'); return { ...entry, target: st.text } }
    if (d.action === 'write') {
      if (!b.writable(st, what)) return prev ?? entry
      b.ops.push({ kind: 'delete', path: st.abs, what: 'symlink', role: 'link', owner })
      link('replace')
      return entry
    }
    const { message, hint } = explain(d.reason, `${what} (a link to ${st.text})`)
    if (d.action === 'keep') { b.ops.push({ kind: 'keep', path: st.abs, reason: `${message} ${hint}`, why: d.reason, role: 'link', owner }); return prev! }
    b.conflict(st.rel, message, hint)
    return prev ?? entry
  }
  if (st.kind === 'missing') {
    const d = decide({ current: 'absent', want: true, recorded: recorded !== undefined, force: b.force })
    if (d.action === 'keep') {
      const { message, hint } = explain(d.reason, what)
      b.ops.push({ kind: 'keep', path: st.abs, reason: `${message} ${hint}`, why: d.reason, role: 'link', owner })
      return prev!
    }
    if (!b.writable(st, what)) return prev ?? entry
    link('create')
    return entry
  }
  // A file or a folder where the link goes: our earlier copy (switching to a link) when every file is as we wrote
  // it; otherwise someone else's, replaced only with --force.
  const ownCopy = prev?.type === 'copy' && st.kind === 'dir' && copyIsPristine(b, st, prev.files ?? {})
  const d = decide({ current: ownCopy ? 'recorded' : 'other', want: true, recorded: ownCopy || !!prev, force: b.force })
  if (d.action === 'write') {
    if (!b.writable(st, what)) return prev ?? entry
    b.ops.push({ kind: 'delete', path: st.abs, what: st.kind === 'dir' ? 'tree' : 'file', role: 'link', owner })
    link('create')
    return entry
  }
  const { message, hint } = explain(d.reason, `${what} (${st.kind === 'dir' ? 'a folder' : 'a file'})`)
  if (d.action === 'keep') { b.ops.push({ kind: 'keep', path: st.abs, reason: `${message} ${hint}`, why: d.reason, role: 'link', owner }); return prev! }
  b.conflict(st.rel, message, hint)
  return prev ?? entry
}

/** The one "is this link ours" test: it says what we wrote, or it leads to the canonical copy. */
export function linksTo(snap: Snapshot, st: Extract<PathState, { kind: 'link' }>, text: string | undefined, canonical: string): boolean {
  return (text !== undefined && st.text === text) || (st.real !== undefined && st.real === snap.realPathOf(canonical))
}

/** Every file in the folder is one we wrote, unchanged, and nothing else is there. */
function copyIsPristine(b: PlanBuilder, st: Extract<PathState, { kind: 'dir' }>, files: Record<string, string>): boolean {
  const seen = new Set<string>()
  const walk = (rel: string, under: string): boolean => {
    for (const name of b.snap.list(rel) ?? []) {
      const child = `${rel}/${name}`
      const s = b.snap.at(child)
      const key = under ? `${under}/${name}` : name
      if (s.kind === 'dir') { if (!walk(child, key)) return false; continue }
      if (s.kind !== 'file' || files[key] !== s.hash) return false
      seen.add(key)
    }
    return true
  }
  return walk(st.rel, '') && seen.size > 0
}

/** Remove one location exactly as recorded: files we wrote and did not change, our link, then empty folders. */
export function removeLocation(b: PlanBuilder, loc: Location, owner: Owner): void {
  const st = b.snap.at(loc.path)
  if (st.kind === 'missing') return
  if (st.kind === 'blocked') { b.blocked(st); return }
  if (loc.type !== 'copy') {
    const d = decide({ current: st.kind === 'link' ? classify(st.text, undefined, loc.target) : 'other', want: false, recorded: true, force: b.force })
    if (d.action === 'delete') {
      if (st.kind === 'dir') { b.conflict(st.rel, `${loc.path} is now a folder, not the link dbskills made.`, 'Delete it by hand if you want it gone.'); return }
      if (b.writable(st, loc.path)) b.ops.push({ kind: 'delete', path: st.abs, what: st.kind === 'link' ? 'symlink' : 'file', role: 'link', owner })
    } else if (d.action === 'keep') {
      const { message, hint } = explain(d.reason, `${loc.path}`)
      b.ops.push({ kind: 'keep', path: st.abs, reason: `${message} ${hint}`, why: d.reason, role: 'link', owner })
    }
    return
  }
  const real = st.kind === 'link' ? b.snap.follow(loc.path) : st
  if (real.kind === 'blocked') { b.blocked(real); return }
  if (real.kind !== 'dir') {
    const { message, hint } = explain('user-changed-remove', `${loc.path} (no longer a folder)`)
    b.ops.push({ kind: 'keep', path: real.abs, reason: `${message} ${hint}`, why: 'user-changed-remove', role: 'skill', owner })
    return
  }
  const dirs = new Set<string>()
  for (const [rel, hash] of Object.entries(loc.files ?? {})) {
    b.file({ rel: `${real.rel}/${rel}`, content: undefined, recorded: hash, role: 'skill', owner, what: `${loc.path}/${rel}` })
    for (let d = dirname(rel); d !== '.'; d = dirname(d)) dirs.add(`${real.rel}/${d}`)
  }
  for (const d of [...dirs].sort((x, y) => y.length - x.length)) b.ops.push({ kind: 'rmdir', path: join(b.base, d), role: 'skill', owner })
  // Our folder itself goes when empty; a user's link to it stays (it was theirs).
  if (st.kind === 'dir') b.ops.push({ kind: 'rmdir', path: st.abs, role: 'skill', owner })
}
