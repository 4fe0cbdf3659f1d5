import { homedir } from 'node:os'
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

/** The package root, found from this module's location: dist/cli.js or src/core/context.ts. */
export function findPackageRoot(from: string = import.meta.url): string {
  const here = dirname(fileURLToPath(from))
  return here.endsWith(join('src', 'core')) ? join(here, '..', '..') : join(here, '..')
}

export function createContext(overrides: Partial<Context> = {}): Context {
  return {
    cwd: overrides.cwd ?? process.cwd(),
    home: overrides.home ?? homedir(),
    env: overrides.env ?? process.env,
    platform: overrides.platform ?? process.platform,
    isTTY: overrides.isTTY ?? Boolean(process.stdin.isTTY && process.stdout.isTTY),
    packageRoot: overrides.packageRoot ?? findPackageRoot(),
    version: overrides.version ?? '0.0.0',
  }
}
