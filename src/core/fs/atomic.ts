import { chmodSync, chownSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** What an edited file keeps of the original. */
export interface KeepAttrs { mode: number; uid: number; gid: number }

/** `.NAME.dbskills-<tag>` beside `path`: a hidden name of dbskills' own, which no file of the user's is taken for. */
export const hiddenSibling = (path: string, tag: string): string => join(dirname(path), `.${basename(path)}.dbskills-${tag}`)

/** Temp and staging names carry the run id, so a later run can find and clean what an interrupted one left. */
export const tempName = (path: string, runId: string, suffix: 'tmp' | 'stage'): string => hiddenSibling(path, `${runId}.${suffix}`)

/** True for a temp file or staging folder any dbskills run made (`.NAME.dbskills-<run>.tmp|stage`). */
export const isTempName = (name: string, runId?: string): boolean =>
  new RegExp(`^\\..+\\.dbskills-${runId ?? '[a-z0-9-]+'}\\.(tmp|stage)$`).test(name)

// Synchronous on purpose: an install is a few dozen small files, and sync calls skip the thread-pool
// round trip of each async call (measured: ~15% of a fresh `add`).

/**
 * Write a file atomically: a temp file in the same directory, then rename over the target. An existing file's
 * mode and owner are put on the new content before the rename, so a private config stays private.
 */
export function writeFileAtomic(path: string, content: string | Buffer, opts: { mode?: number; keep?: KeepAttrs; runId: string }): void {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = tempName(path, opts.runId, 'tmp')
  try {
    writeFileSync(tmp, content, { mode: opts.keep?.mode ?? opts.mode ?? 0o644 })
    if (opts.keep) keepAttrs(tmp, opts.keep)
    else if (opts.mode !== undefined) chmodSync(tmp, opts.mode)
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
}

/** Mode (exactly, past the umask) and owner; owner only where we may set it (root, or unchanged). */
export function keepAttrs(path: string, keep: KeepAttrs): void {
  chmodSync(path, keep.mode)
  const uid = process.getuid?.()
  if (uid === undefined) return
  if (uid === 0 || keep.uid === uid) {
    try { chownSync(path, keep.uid, keep.gid) } catch { /* a filesystem without owners */ }
  }
}
