/**
 * One writing dbskills run per project at a time. Two runs started together serialise: the second waits for the
 * first (it then plans against what the first wrote), and gives up with a clear message after `waitMs`.
 * A lock left by a process that no longer exists is taken over.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../core/errors.js'

export const LOCK_PATH = '.dbskills.lock'

interface Holder { pid: number; host: string; started: string; command: string }

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM' }
}

/** The lock appears whole or not at all: written beside it, then hard-linked into place (link fails if it exists). */
function tryTake(path: string, me: Holder): boolean {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}`
  writeFileSync(tmp, `${JSON.stringify(me)}\n`)
  try {
    linkSync(tmp, path)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return false
  } finally {
    rmSync(tmp, { force: true })
  }
}

function holder(path: string): Holder | undefined {
  try { return JSON.parse(readFileSync(path, 'utf8')) as Holder } catch { return undefined }
}

/** Run `fn` holding the project lock. */
export async function withProjectLock<T>(base: string, command: string, fn: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const path = join(base, LOCK_PATH)
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command }
  const deadline = Date.now() + waitMs
  for (;;) {
    if (tryTake(path, me)) break
    const h = holder(path)
    // Stale: its process is gone (same host), or the file is unreadable garbage from a crash mid-write.
    if (!h || (h.host === me.host && !alive(h.pid))) { rmSync(path, { force: true }); continue }
    if (Date.now() > deadline)
      throw new UserError(`Another dbskills run (${h.command}, pid ${h.pid}, since ${h.started}) is working in ${base}.`, { hint: `Wait for it to finish and re-run. If no dbskills is running, delete ${path}.` })
    await new Promise((r) => setTimeout(r, 50))
  }
  try {
    return await fn()
  } finally {
    rmSync(path, { force: true })
  }
}
