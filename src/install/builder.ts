/**
 * Collects one plan over one snapshot. Every owned thing goes through `decide` (decide.ts); every path through
 * the snapshot's resolution, so a link that leaves the project, a dangling link, a folder where a file goes, a
 * read-only file or folder, or a file that is not UTF-8 is a conflict found before anything is written.
 */
import { dirname, join } from 'node:path'
import { contentHash } from '../core/fs/hash.js'
import { classify, decide, explain, type Decision } from './decide.js'
import { decodeText, isReadOnly, type PathState, type Snapshot } from './snapshot.js'
import type { Conflict, FileOp, Keep, OpRole, Owner } from './types.js'

/** A text file we edit part of; several edits (two skills' blocks, two servers) chain on `now`. */
export interface TextDoc {
  /** Real, base-relative path (a link inside the project is edited at its target). */
  rel: string
  abs: string
  before: string | undefined
  now: string | undefined
  keep?: Keep
  role: OpRole
  owner?: Owner
}

export interface FileWant {
  rel: string
  /** undefined: the file should not exist after this command. */
  content: Buffer | string | undefined
  /** Hash the record holds for it (we wrote it). */
  recorded: string | undefined
  mode?: number
  role: OpRole
  owner?: Owner
  /** How messages name it, e.g. "steering .kiro/steering/dbskills-dsql.md". */
  what: string
}


export class PlanBuilder {
  readonly ops: FileOp[] = []
  readonly conflicts: Conflict[] = []
  readonly warnings: string[] = []
  private readonly docs = new Map<string, TextDoc | undefined>()
  /** Managed blocks already planned in this run, by real file and skill (two agents may share one real file). */
  readonly blockDone = new Map<string, string>()

  constructor(readonly snap: Snapshot, readonly force: boolean) {}

  get base(): string { return this.snap.base }

  conflict(rel: string, message: string, hint: string): void {
    if (!this.conflicts.some((c) => c.message === message)) this.conflicts.push({ path: join(this.base, rel), message, hint })
  }

  /** A blocked path as a conflict: the link or file on the way is named. */
  blocked(state: Extract<PathState, { kind: 'blocked' }>): void {
    const b = state.blocker
    switch (b.reason) {
      case 'outside': return this.conflict(state.rel, `${b.via} is a link to ${b.target}, outside the project; dbskills does not write through it.`, 'Replace the link with a folder, or re-run with --follow-outside-links if writing there is what you want.')
      case 'dangling': return this.conflict(state.rel, `${b.via} is a link to ${b.target}, which does not exist.`, 'Fix or delete the link, then re-run.')
      case 'not-dir': return this.conflict(state.rel, `${b.via} is a file where a folder is needed (for ${state.rel}).`, 'Move the file away, then re-run.')
      case 'unreadable': return this.conflict(state.rel, `${b.via} cannot be read (${b.code}).`, 'Fix its permissions, then re-run.')
    }
  }

  /** Where a whole file of ours lives: a link inside the project is followed, anything else in the way is a conflict. */
  fileState(rel: string): Extract<PathState, { kind: 'file' | 'missing' }> | undefined {
    const st = this.snap.follow(rel)
    if (st.kind === 'blocked') { this.blocked(st); return undefined }
    if (st.kind === 'dir') { this.conflict(rel, `${rel} is a folder where dbskills needs a file.`, 'Move the folder away, then re-run.'); return undefined }
    if (st.kind === 'link') { this.conflict(rel, `${rel} is a link that cannot be followed.`, 'Fix or delete the link, then re-run.'); return undefined }
    return st
  }

  /** Writing or deleting here must not touch a read-only file or folder (respected even when running as root). */
  writable(st: Extract<PathState, { kind: 'file' | 'missing' | 'dir' | 'link' }>, what: string): boolean {
    if (st.kind === 'file' && isReadOnly(st.mode)) {
      this.conflict(st.rel, `${what} is read-only.`, 'Make it writable if dbskills may change it, then re-run.')
      return false
    }
    for (let d = dirname(st.rel); ; d = dirname(d)) {
      const parent = this.snap.at(d === '.' ? '' : d)
      if (parent.kind === 'dir') {
        if (isReadOnly(parent.mode)) { this.conflict(st.rel, `the folder ${d === '.' ? 'of the project' : d} is read-only, so ${what} cannot be written or removed.`, 'Make it writable, then re-run.'); return false }
        return true
      }
      if (parent.kind !== 'missing' || d === '.' || d === '') return true
    }
  }

  /** One whole file through the decision table. Returns the hash the record should hold afterwards (undefined: untracked). */
  file(w: FileWant): string | undefined {
    const st = this.fileState(w.rel)
    if (!st) return w.recorded
    const wanted = w.content === undefined ? undefined : contentHash(w.content)
    const d = decide({ current: classify(st.kind === 'file' ? st.hash : undefined, wanted, w.recorded), want: w.content !== undefined, recorded: w.recorded !== undefined, force: this.force })
    return this.act(d, st, w, wanted)
  }

  private act(d: Decision, st: Extract<PathState, { kind: 'file' | 'missing' }>, w: FileWant, wanted: string | undefined): string | undefined {
    const keep = st.kind === 'file' ? { mode: st.mode, uid: st.uid, gid: st.gid } : undefined
    switch (d.action) {
      case 'unchanged':
        if (w.content !== undefined) this.ops.push({ kind: 'write', path: st.abs, content: w.content, action: 'unchanged', role: w.role, ...(w.owner ? { owner: w.owner } : {}) })
        return wanted
      case 'write':
        if (!this.writable(st, w.what)) return w.recorded
        this.ops.push({ kind: 'write', path: st.abs, content: w.content!, action: st.kind === 'file' ? 'update' : 'create', role: w.role, ...(w.mode !== undefined ? { mode: w.mode } : {}), ...(keep ? { keep } : {}), ...(w.owner ? { owner: w.owner } : {}) })
        return wanted
      case 'delete':
        if (!this.writable(st, w.what)) return w.recorded
        this.ops.push({ kind: 'delete', path: st.abs, what: 'file', role: w.role, ...(w.owner ? { owner: w.owner } : {}) })
        return undefined
      case 'keep': {
        const { message, hint } = explain(d.reason, w.what)
        this.ops.push({ kind: 'keep', path: st.abs, reason: `${message} ${hint}`, why: d.reason, role: w.role, ...(w.owner ? { owner: w.owner } : {}) })
        return d.reason === 'user-changed-remove' ? undefined : w.recorded
      }
      case 'conflict': {
        const { message, hint } = explain(d.reason, w.what)
        this.conflict(st.rel, message, hint)
        return undefined
      }
    }
  }

  /**
   * A text file shared with the user, opened once per real path. Undefined (with a conflict recorded) when it
   * cannot be edited safely: in the way, read-only, or not UTF-8 (its bytes would not survive a round trip).
   */
  text(rel: string, role: OpRole, what: string): TextDoc | undefined {
    const st = this.fileState(rel)
    if (!st) return undefined
    if (this.docs.has(st.abs)) return this.docs.get(st.abs)
    let doc: TextDoc | undefined
    if (st.kind === 'missing') doc = { rel: st.rel, abs: st.abs, before: undefined, now: undefined, role }
    else {
      const read = decodeText(st.bytes)
      if ('badByte' in read) this.conflict(st.rel, `${what} is ${read.what} at byte ${read.badByte}; dbskills edits only UTF-8 text and will not re-encode your file.`, 'Convert it to UTF-8, or leave this layer out (--no-steering / --no-mcp).')
      else doc = { rel: st.rel, abs: st.abs, before: read.text, now: read.text, keep: { mode: st.mode, uid: st.uid, gid: st.gid }, role }
    }
    this.docs.set(st.abs, doc)
    return doc
  }

  /** Check, once we know we change it, that the text file may be written. */
  textWritable(doc: TextDoc, what: string): boolean {
    return this.writable(this.snap.at(doc.rel) as Extract<PathState, { kind: 'file' | 'missing' }>, what)
  }

  /** Text files this plan creates / deletes, by the path the record uses (never a link's target). */
  readonly createdTexts: string[] = []
  readonly deletedTexts: string[] = []

  /** One op per text file: written when changed, deleted when emptied, `unchanged` otherwise. */
  flushTexts(filter: (doc: TextDoc) => boolean = () => true): FileOp[] {
    const out: FileOp[] = []
    for (const [key, doc] of this.docs) {
      if (!doc || !filter(doc)) continue
      this.docs.delete(key)
      if (doc.before === undefined && doc.now !== undefined) this.createdTexts.push(doc.rel)
      if (doc.before !== undefined && doc.now === undefined) this.deletedTexts.push(doc.rel)
      const own = doc.owner ? { owner: doc.owner } : {}
      if (doc.now === undefined) {
        if (doc.before !== undefined) out.push({ kind: 'delete', path: doc.abs, what: 'file', role: doc.role, ...own })
        continue
      }
      const action = doc.before === undefined ? 'create' : doc.before === doc.now ? 'unchanged' : 'update'
      out.push({ kind: 'write', path: doc.abs, content: doc.now, action, role: doc.role, ...(doc.keep ? { keep: doc.keep } : {}), ...own })
    }
    return out
  }
}
