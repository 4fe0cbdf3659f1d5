/**
 * The sandbox's data directory in the project (`.dbskills/sandbox/dsql/` by default), guarded by a pid lock: two
 * clients starting the server on the same directory would otherwise run two PostgreSQL instances on one data
 * directory and corrupt it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { hiddenSibling } from '../core/fs/atomic.js'
import { UserError } from '../core/errors.js'

export const DEFAULT_DATA_DIR = join('.dbskills', 'sandbox', 'dsql')

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
}

/**
 * Creates the directory and takes the lock. In the default place (`.dbskills/sandbox/`, a folder of dbskills' own) a
 * .gitignore beside it keeps the data out of git; a folder the user chose with --data-dir is theirs to ignore: its
 * parent may be the project itself, where an ignore-everything file would hide the whole repository from git.
 */
export function lockDataDir(dir: string, opts: { gitignore: boolean }): () => void {
  mkdirSync(dir, { recursive: true })
  const ignore = join(dirname(dir), '.gitignore')
  if (opts.gitignore && !existsSync(ignore)) writeFileSync(ignore, '# dbskills sandbox databases: local rehearsal data, not for git\n*\n')
  // Beside the data directory, not in it: PostgreSQL's initdb wants an empty one. A hidden name of dbskills' own,
  // so a user's `<name>.pid` beside a --data-dir folder is never taken for a stale lock and overwritten.
  const lock = hiddenSibling(dir, 'sandbox.pid')
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
