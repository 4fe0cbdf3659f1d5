/**
 * The planner's only reads. Each base-relative path is looked at once (lstat, then real-path resolution of every
 * component), so the planner knows for every path: missing / file / folder / link, where a link leads (inside or
 * outside the project), the mode, owner and bytes of a file, and whether its text is UTF-8.
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, type Stats } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { isInside } from '../core/paths.js'
import { contentHash } from '../core/fs/hash.js'

/** Why a path cannot be used as it is (found before anything is written). */
export type Blocker =
  | { reason: 'outside'; via: string; target: string }
  | { reason: 'dangling'; via: string; target: string }
  | { reason: 'not-dir'; via: string }
  | { reason: 'unreadable'; via: string; code: string }

export type PathState =
  | { kind: 'missing'; rel: string; abs: string }
  | { kind: 'file'; rel: string; abs: string; bytes: Buffer; hash: string; mode: number; uid: number; gid: number }
  | { kind: 'dir'; rel: string; abs: string; mode: number }
  | { kind: 'link'; rel: string; abs: string; text: string; /** absolute, resolved */ target: string; dangling: boolean; inside: boolean; /** real path when it resolves */ real?: string }
  | { kind: 'blocked'; rel: string; abs: string; blocker: Blocker }

/** Text of a file as UTF-8, or where it stops being UTF-8. */
export type TextRead = { text: string } | { badByte: number; what: string }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decode strictly: a UTF-16 file or a stray Latin-1 byte is reported with its byte offset, never turned into U+FFFD. */
export function decodeText(bytes: Buffer): TextRead {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { badByte: 0, what: 'UTF-16 (byte-order mark)' }
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    // Find the first offending byte: decode growing prefixes would be quadratic, so scan UTF-8 sequences by hand.
    return { badByte: firstInvalidUtf8(bytes), what: 'not UTF-8' }
  }
}

function firstInvalidUtf8(b: Buffer): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    const n = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0
    if (n === 0 || i + n > b.length) return i
    for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i
    i += n
  }
  return i
}

export class Snapshot {
  private readonly states = new Map<string, PathState>()
  private readonly listings = new Map<string, string[] | undefined>()
  /** Real path of the base: "inside the project" is judged against it, and every path is built on it. */
  readonly realBase: string
  readonly base: string

  constructor(base: string, readonly allowOutside = false) {
    this.realBase = realpathSync(base)
    this.base = this.realBase
  }

  /**
   * What is at `rel`, the final component not followed. Every folder on the way is resolved: a link that leads
   * outside the project, or nowhere, or a file where a folder should be, makes the path `blocked`.
   */
  at(rel: string): PathState {
    const key = rel.split(sep).join('/')
    const hit = this.states.get(key)
    if (hit) return hit
    const state = this.look(key)
    this.states.set(key, state)
    return state
  }

  /** Like `at`, but a final link that stays inside the project is followed to what it points at. */
  follow(rel: string): PathState {
    const s = this.at(rel)
    if (s.kind !== 'link') return s
    if (s.dangling) return { kind: 'blocked', rel: s.rel, abs: s.abs, blocker: { reason: 'dangling', via: s.rel, target: s.text } }
    if (!s.inside && !this.allowOutside) return { kind: 'blocked', rel: s.rel, abs: s.abs, blocker: { reason: 'outside', via: s.rel, target: s.real ?? s.target } }
    const realRel = relative(this.realBase, s.real!).split(sep).join('/')
    if (!s.inside) return this.lookAbs(s.real!, s.rel)
    return this.at(realRel)
  }

  /** Names in a folder (undefined when it is not a readable folder). */
  list(rel: string): string[] | undefined {
    const key = rel.split(sep).join('/')
    if (this.listings.has(key)) return this.listings.get(key)
    const s = this.at(key)
    let names: string[] | undefined
    if (s.kind === 'dir') try { names = readdirSync(s.abs) } catch { names = undefined }
    this.listings.set(key, names)
    return names
  }

  /** The real path of an absolute path that may not exist yet: its nearest existing ancestor resolved, plus the rest. */
  realPathOf(abs: string): string {
    const rest: string[] = []
    for (let cur = resolve(abs); ; cur = dirname(cur)) {
      try { return join(realpathSync(cur), ...rest.reverse()) } catch { /* not there yet */ }
      if (dirname(cur) === cur) return resolve(abs)
      rest.push(basename(cur))
    }
  }

  /** Real folder a base-relative path would be created in (links are made relative to it). */
  realParentOf(rel: string): string {
    return this.realPathOf(dirname(join(this.base, rel)))
  }

  hash(rel: string): string | undefined {
    const s = this.follow(rel)
    return s.kind === 'file' ? s.hash : undefined
  }

  private look(rel: string): PathState {
    const parts = rel === '' || rel === '.' ? [] : rel.split('/')
    let cur = this.base
    for (let i = 0; i < parts.length - 1; i++) {
      const next = join(cur, parts[i]!)
      const st = lstatSync(next, { throwIfNoEntry: false })
      const via = parts.slice(0, i + 1).join('/')
      if (!st) return { kind: 'missing', rel, abs: join(next, ...parts.slice(i + 1)) }
      if (st.isSymbolicLink()) {
        let real: string
        try { real = realpathSync(next) } catch { return { kind: 'blocked', rel, abs: join(this.base, rel), blocker: { reason: 'dangling', via, target: readlinkSync(next) } } }
        if (!isInside(this.realBase, real) && !this.allowOutside) return { kind: 'blocked', rel, abs: join(this.base, rel), blocker: { reason: 'outside', via, target: real } }
        if (!lstatSync(real).isDirectory()) return { kind: 'blocked', rel, abs: join(this.base, rel), blocker: { reason: 'not-dir', via } }
        cur = real
        continue
      }
      if (!st.isDirectory()) return { kind: 'blocked', rel, abs: join(this.base, rel), blocker: { reason: 'not-dir', via } }
      cur = next
    }
    return this.lookAbs(parts.length ? join(cur, parts[parts.length - 1]!) : cur, rel)
  }

  private lookAbs(abs: string, rel: string): PathState {
    const st = lstatSync(abs, { throwIfNoEntry: false })
    if (!st) return { kind: 'missing', rel, abs }
    if (st.isSymbolicLink()) {
      const text = readlinkSync(abs)
      const target = resolve(dirname(abs), text)
      let real: string | undefined
      try { real = realpathSync(abs) } catch { real = undefined }
      return { kind: 'link', rel, abs, text, target, dangling: real === undefined, inside: real !== undefined && isInside(this.realBase, real), ...(real ? { real } : {}) }
    }
    if (st.isDirectory()) return { kind: 'dir', rel, abs, mode: st.mode & 0o7777 }
    return fileState(rel, abs, st)
  }
}

function fileState(rel: string, abs: string, st: Stats): PathState {
  // A FIFO, socket or device is nothing dbskills may read (a FIFO would block) or replace.
  if (!st.isFile()) return { kind: 'blocked', rel, abs, blocker: { reason: 'unreadable', via: rel, code: 'not a regular file' } }
  let bytes: Buffer
  try { bytes = readFileSync(abs) } catch (err) {
    // Unreadable (permissions, a FIFO…): not ours to touch; the planner turns it into a conflict.
    return { kind: 'blocked', rel, abs, blocker: { reason: 'unreadable', via: rel, code: (err as NodeJS.ErrnoException).code ?? 'EIO' } }
  }
  return { kind: 'file', rel, abs, bytes, hash: contentHash(bytes), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }
}

/** A mode with no write bit at all: the user made it read-only, and we respect that even as root. */
export const isReadOnly = (mode: number): boolean => (mode & 0o222) === 0
