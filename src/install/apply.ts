/**
 * The only writer. Before the first write it saves the plan as a journal (every op with the state it expects
 * before and leaves after); then it runs the ops, each atomic (temp file + rename; a new skill folder is staged and
 * renamed whole); then it deletes the journal. A run that was killed, ran out of disk or hit any error leaves the
 * journal: the next writing run finishes it first (each op checked against its before/after state, so nothing the
 * user changed meanwhile is overwritten), removes the temp files, and only then does what it was asked.
 */
import { cpSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isInside } from '../core/paths.js'
import { UserError } from '../core/errors.js'
import { isTempName, tempName, writeFileAtomic } from '../core/fs/atomic.js'
import { contentHash } from '../core/fs/hash.js'
import { RECORD_PATH, serializeRecord, type InstallRecord } from './record.js'
import { isNoopOp, type FileOp, type Plan } from './types.js'

export const JOURNAL_PATH = '.dbskills-journal.json'

export interface ApplyResult {
  /** Ops that changed something, in the order they ran. */
  done: FileOp[]
  /** Links that could not be made and became copies (Windows without junction rights, odd filesystems). */
  fallbacks: string[]
}

/** Test hook (DBSKILLS_FAULT=kill:N|error:N): stop before the Nth op that changes the disk. */
export interface Fault { at: number; how: 'kill' | 'error' }

export interface ApplyOptions {
  platform: NodeJS.Platform
  link?: typeof symlinkSync
  fault?: Fault
}

type LinkFn = typeof symlinkSync

/** Make a directory symlink (a junction on Windows); on failure copy the target instead. */
export function createLink(op: Extract<FileOp, { kind: 'symlink' }>, platform: NodeJS.Platform, link: LinkFn = symlinkSync): 'link' | 'copy' {
  mkdirSync(dirname(op.path), { recursive: true })
  try {
    link(op.target, op.path, platform === 'win32' ? 'junction' : 'dir')
    return 'link'
  } catch {
    cpSync(op.fallbackFrom, op.path, { recursive: true, dereference: true })
    return 'copy'
  }
}

/** A plan with conflicts is refused whole: nothing is written. */
export function refuseConflicts(plan: Plan): void {
  if (plan.conflicts.length)
    throw new UserError(`Nothing was written: ${plan.conflicts.length} conflict(s).\n${plan.conflicts.map((c) => `  ${c.message} ${c.hint}`).join('\n')}`, { details: plan.conflicts })
}

const hashAt = (path: string): string | null => {
  try { return contentHash(readFileSync(path)) } catch { return null }
}
const kindAt = (path: string): 'missing' | 'file' | 'dir' | 'link' => {
  const st = lstatSync(path, { throwIfNoEntry: false })
  return !st ? 'missing' : st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file'
}

interface Journal { version: 1; runId: string; command: string; base: string; ops: JournalOp[] }
type JournalOp = { op: FileOp; before: string | null; after: string | null }

/**
 * Serialisable form of an op: text contents as base64; a staged skill folder by its packaged source and each file's
 * hash (the bytes are in the package; a resumed run checks they are still the same).
 */
const b64 = (c: string | Buffer) => ({ b64: Buffer.from(c).toString('base64') })
type TreeFile = Extract<FileOp, { kind: 'tree' }>['files'][number]
function encode(op: FileOp): unknown {
  if (op.kind === 'write') return { ...op, content: b64(op.content) }
  if (op.kind === 'tree') return { ...op, files: op.files.map((f) => (op.from ? { rel: f.rel, mode: f.mode, hash: f.hash } : { ...f, content: b64(f.content) })) }
  return op
}
function decode(raw: unknown): FileOp {
  const op = raw as FileOp & { content?: { b64: string } }
  const buf = (c: { b64: string }) => Buffer.from(c.b64, 'base64')
  if (op.kind === 'write') return { ...op, content: buf(op.content as unknown as { b64: string }) }
  if (op.kind === 'tree') {
    const files = (op.files as unknown as (TreeFile & { hash?: string; content?: { b64: string } })[]).map((f): TreeFile => {
      if (f.content && !Buffer.isBuffer(f.content)) { const content = buf(f.content); return { rel: f.rel, mode: f.mode, content, hash: contentHash(content) } }
      const content = readFileSync(join(op.from!, f.rel))
      if (contentHash(content) !== f.hash) throw new Error(`the dbskills package changed since the interrupted run (${join(op.from!, f.rel)})`)
      return { rel: f.rel, mode: f.mode, content, hash: f.hash }
    })
    return { ...op, files }
  }
  return op
}

export function applyPlan(plan: Plan, opts: ApplyOptions): ApplyResult {
  refuseConflicts(plan)
  // Names this run's temp files; unique enough beside the pid (node:crypto is not loaded for it).
  const runId = `${process.pid.toString(36)}-${Math.random().toString(16).slice(2, 8).padEnd(6, '0')}`
  const live = plan.ops.filter((op) => !isNoopOp(op))
  const result: ApplyResult = { done: [], fallbacks: [] }
  if (live.length === 0) return result
  const journal: Journal = {
    version: 1, runId, command: plan.command, base: plan.base,
    ops: live.map((op) => ({ op, before: op.kind === 'write' || (op.kind === 'delete' && op.what === 'file') ? hashAt(op.path) : null, after: op.kind === 'write' ? contentHash(op.content) : null })),
  }
  writeFileAtomic(join(plan.base, JOURNAL_PATH), JSON.stringify({ ...journal, ops: journal.ops.map((j) => ({ ...j, op: encode(j.op) })) }), { runId })
  runJournal(journal, opts, result)
  return result
}

function runJournal(journal: Journal, opts: ApplyOptions, result: ApplyResult): void {
  let n = 0
  for (const { op, before, after } of journal.ops) {
    try {
      if (isDone(op, after)) continue
      if (opts.fault && n++ === opts.fault.at) {
        if (opts.fault.how === 'kill') process.kill(process.pid, 'SIGKILL')
        throw new Error('injected fault')
      }
      run(op, before, journal, opts, result)
      result.done.push(op)
    } catch (err) {
      if (err instanceof UserError) throw err
      throw new UserError(`Stopped at ${op.path}: ${(err as Error).message}`, {
        hint: `${result.done.length} operation(s) had completed. Fix the cause (disk space, permissions) and re-run any dbskills add, update or remove here: it first finishes this interrupted run.`,
        cause: err,
      })
    }
  }
  cleanTemps(journal)
  rmSync(join(journal.base, JOURNAL_PATH), { force: true })
}

/** Already in its after-state (a resumed run skips it). */
function isDone(op: FileOp, after: string | null): boolean {
  switch (op.kind) {
    case 'write': return hashAt(op.path) === after && kindAt(op.path) === 'file'
    case 'tree': return kindAt(op.path) === 'dir' && op.files.every((f) => hashAt(join(op.path, f.rel)) === f.hash)
    case 'symlink': return kindAt(op.path) === 'link' && readlinkSync(op.path) === op.target
    case 'delete': return kindAt(op.path) === 'missing'
    case 'rmdir': return kindAt(op.path) !== 'dir'
    case 'keep': return true
  }
}

function run(op: FileOp, before: string | null, journal: Journal, opts: ApplyOptions, result: ApplyResult): void {
  const expect = (ok: boolean) => {
    if (!ok) throw new UserError(`${op.path} changed while dbskills was writing (or since an interrupted run); it was left as it is.`, { hint: `Look at it, then re-run. To abandon the interrupted run, delete ${join(journal.base, JOURNAL_PATH)}.` })
  }
  switch (op.kind) {
    case 'write': {
      expect(hashAt(op.path) === before)
      let content = op.content
      if (result.fallbacks.length && op.path.endsWith(RECORD_PATH)) content = recordWithFallbacks(String(content), result.fallbacks, journal.base)
      writeFileAtomic(op.path, content, { ...(op.mode !== undefined ? { mode: op.mode } : {}), ...(op.keep ? { keep: op.keep } : {}), runId: journal.runId })
      return
    }
    case 'tree': {
      expect(kindAt(op.path) === 'missing')
      const stage = tempName(op.path, journal.runId, 'stage')
      rmSync(stage, { recursive: true, force: true })
      const made = new Set<string>()
      for (const f of op.files) {
        const dir = dirname(join(stage, f.rel))
        if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir) }
        writeFileSync(join(stage, f.rel), f.content, { mode: f.mode })
      }
      renameSync(stage, op.path)
      return
    }
    case 'symlink':
      if ((createLink(op, opts.platform, opts.link)) === 'copy') result.fallbacks.push(op.path)
      return
    case 'delete':
      if (op.what === 'file') expect(hashAt(op.path) === before || before === null)
      if (op.what === 'tree') rmSync(op.path, { recursive: true, force: true, maxRetries: 3 })
      else unlinkSync(op.path)
      return
    case 'rmdir':
      // Only when empty: a user's own file in there keeps the folder.
      try { rmdirSync(op.path) } catch { /* not empty, or gone */ }
      return
    case 'keep':
      return
  }
}

/** Temp files and staging folders this run (or the interrupted one) left beside its targets. */
function cleanTemps(journal: Journal): void {
  const dirs = new Set(journal.ops.map((j) => dirname(j.op.path)))
  for (const d of dirs) {
    let names: string[]
    try { names = readdirSync(d) } catch { continue }
    for (const n of names) if (isTempName(n, journal.runId)) rmSync(join(d, n), { recursive: true, force: true })
  }
}

/** Read the journal an interrupted run left, if any. */
export function readJournal(base: string): Journal | undefined {
  let text: string
  try { text = readFileSync(join(base, JOURNAL_PATH), 'utf8') } catch { return undefined }
  try {
    const raw = JSON.parse(text) as Journal
    if (raw.version !== 1 || !Array.isArray(raw.ops)) throw new Error('unknown layout')
    // Its paths must stay in this project: a journal is trusted no more than the record.
    const ops = raw.ops.map((j) => ({ ...j, op: decode(j.op) }))
    for (const j of ops) if (!isInside(base, j.op.path)) throw new Error(`names ${j.op.path}, outside the project`)
    return { ...raw, base, ops }
  } catch (err) {
    throw new UserError(`${join(base, JOURNAL_PATH)} (left by an interrupted dbskills run) cannot be used: ${(err as Error).message}.`, { hint: 'Delete it and re-run; check the files dbskills was writing.' })
  }
}

/** Finish an interrupted run. Returns its command, or undefined when there was none. */
export function resumeJournal(base: string, opts: ApplyOptions): string | undefined {
  const journal = readJournal(base)
  if (!journal) return undefined
  runJournal(journal, { ...opts, fault: undefined }, { done: [], fallbacks: [] })
  return journal.command
}

/** A link that became a copy is recorded as a copy, with the canonical file hashes. */
function recordWithFallbacks(text: string, fallbacks: string[], base: string): string {
  const record = JSON.parse(text) as InstallRecord
  for (const skill of Object.values(record.skills)) {
    const canonical = skill.locations[0]
    for (const loc of skill.locations) {
      if (loc.type === 'copy' || !fallbacks.includes(join(base, loc.path))) continue
      loc.type = 'copy'
      loc.files = { ...(canonical?.files ?? {}) }
      delete loc.target
    }
  }
  return serializeRecord(record)
}
