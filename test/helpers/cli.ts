import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const REPO = join(import.meta.dirname, '..', '..')
export const BIN = join(REPO, 'bin', 'dbskills.cjs')

export interface Run { code: number; stdout: string; stderr: string }

/** Run the built CLI (npm run build first) as a user would, with no TTY. */
export function dbskills(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    encoding: 'utf8',
    input: '',
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
