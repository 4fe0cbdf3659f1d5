/**
 * The sandbox's data directory in the project (`.dbskills/sandbox/dsql/` by default), guarded by a pid lock: two
 * clients starting the server on the same directory would otherwise run two PostgreSQL instances on one data
 * directory and corrupt it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { UserError } from '../core/errors.js'

export const DEFAULT_DATA_DIR = join('.dbskills', 'sandbox', 'dsql')

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
}

/** Creates the directory (and a .gitignore beside it, so the data is never committed) and takes the lock. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const ignore = join(dirname(dir), '.gitignore')
  if (!existsSync(ignore)) writeFileSync(ignore, '# dbskills sandbox databases: local rehearsal data, not for git\n*\n')
  // Beside the data directory, not in it: PostgreSQL's initdb wants an empty one.
  const lock = `${dir}.pid`
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' })
  } catch {
    const pid = Number(readFileSync(lock, 'utf8'))
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new UserError(`Another dbskills sandbox (pid ${pid}) is using ${dir}.`, { hint: 'Stop it first, or give this one its own folder with --data-dir.' })
    }
    writeFileSync(lock, String(process.pid)) // a stale lock from a process that died
  }
  return () => rmSync(lock, { force: true })
}
