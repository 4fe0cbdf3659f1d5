import { lstat, readFile, readlink, realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { contentHash } from '../core/fs/hash.js'

export type Probe =
  | { type: 'missing' }
  | { type: 'file' }
  | { type: 'dir' }
  | { type: 'symlink'; text: string; /** Absolute path the link text resolves to. */ resolved: string; dangling: boolean }

/** What is at `path`, without following a final symlink. */
export async function probe(path: string): Promise<Probe> {
  const st = await lstat(path).catch(() => undefined)
  if (!st) return { type: 'missing' }
  if (st.isSymbolicLink()) {
    const text = await readlink(path)
    const resolved = resolve(dirname(path), text)
    const dangling = !(await stat(path).then(() => true, () => false))
    return { type: 'symlink', text, resolved, dangling }
  }
  return st.isDirectory() ? { type: 'dir' } : { type: 'file' }
}

export async function hashFile(path: string): Promise<string | undefined> {
  return readFile(path).then(contentHash, () => undefined)
}

export async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined
    throw err
  })
}

/** The real path of a dir that may not exist yet: realpath of its nearest existing ancestor + the rest. */
export async function realDir(dir: string): Promise<string> {
  const rest: string[] = []
  let cur = resolve(dir)
  for (;;) {
    const real = await realpath(cur).catch(() => undefined)
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
