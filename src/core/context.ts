import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { InternalError } from './errors.js'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Everything environmental, resolved once at the entry point; no other module reads process state. */
export interface Context {
  /** Project directory (from --dir, else cwd). */
  cwd: string
  home: string
  env: Readonly<Record<string, string | undefined>>
  platform: NodeJS.Platform
  isTTY: boolean
  /** Root of the installed dbskills package (holds skills/, references/, templates/). */
  packageRoot: string
  /** Version of the dbskills package. */
  version: string
}

/**
 * The package root (holding skills/, references/, templates/): the nearest folder above `from` with a
 * package.json. Works from src/ and from any dist/ chunk alike.
 */
export function findPackageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new InternalError(`no package.json above ${fileURLToPath(from)}; the dbskills package looks incomplete`)
    dir = parent
  }
}

export function createContext(overrides: Partial<Context> = {}): Context {
  return {
    cwd: overrides.cwd ?? process.cwd(),
    home: overrides.home ?? homedir(),
    env: overrides.env ?? process.env,
    platform: overrides.platform ?? process.platform,
    // stdout first: creating process.stdin (for a file or /dev/null: an fs.ReadStream) loads Node's file-stream stack,
    // which a run whose output is not a terminal never needs.
    isTTY: overrides.isTTY ?? Boolean(process.stdout.isTTY && process.stdin.isTTY),
    packageRoot: overrides.packageRoot ?? findPackageRoot(),
    version: overrides.version ?? '0.0.0',
  }
}
