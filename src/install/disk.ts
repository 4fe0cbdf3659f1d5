import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { contentHash } from '../core/fs/hash.js'

export type Probe =
  | { type: 'missing' }
  | { type: 'file' }
  | { type: 'dir' }
  | { type: 'symlink'; text: string; /** Absolute path the link text resolves to. */ resolved: string; dangling: boolean }

/** What is at `path`, without following a final symlink. */
// The planner's reads are synchronous: a few dozen small files, where each async call's thread-pool round trip
// cost more than the read itself (measured on `add`).
export async function probe(path: string): Promise<Probe> {
  const st = lstatSync(path, { throwIfNoEntry: false })
  if (!st) return { type: 'missing' }
  if (st.isSymbolicLink()) {
    const text = readlinkSync(path)
    const resolved = resolve(dirname(path), text)
    const dangling = !statSync(path, { throwIfNoEntry: false })
    return { type: 'symlink', text, resolved, dangling }
  }
  return st.isDirectory() ? { type: 'dir' } : { type: 'file' }
}

export async function hashFile(path: string): Promise<string | undefined> {
  try {
    return contentHash(readFileSync(path))
  } catch {
    return undefined
  }
}

export async function readText(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw err
  }
}

/** The real path of a dir that may not exist yet: realpath of its nearest existing ancestor + the rest. */
export async function realDir(dir: string): Promise<string> {
  const rest: string[] = []
  let cur = resolve(dir)
  for (;;) {
    let real: string | undefined
    try { real = realpathSync(cur) } catch { real = undefined }
    if (real) return join(real, ...rest.reverse())
    const parent = dirname(cur)
    if (parent === cur) return resolve(dir)
    rest.push(basename(cur))
    cur = parent
  }
}

/** True when the symlink at `link` points at `target` (comparing real paths where they exist). */
export async function linkPointsTo(p: Extract<Probe, { type: 'symlink' }>, link: string, target: string): Promise<boolean> {
  const viaLink = await realDir(resolve(await realDir(dirname(link)), p.text))
  return viaLink === (await realDir(target))
}
