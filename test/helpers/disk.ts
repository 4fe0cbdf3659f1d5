import { lstat, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { tree } from './project.js'

/** Everything under dir with file bytes (base64) and link texts: a byte-exact picture of the disk to compare. */
export async function disk(dir: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const line of await tree(dir)) {
    const kind = line[0]
    const rel = line.slice(2).split(' -> ')[0]!
    if (skip(rel)) continue
    const regular = kind === 'f' && (await lstat(join(dir, rel))).isFile()
    out[rel] = kind === 'f' ? (regular ? (await readFile(join(dir, rel))).toString('base64') : 'special') : kind === 'l' ? `-> ${await readlink(join(dir, rel))}` : 'dir'
  }
  return out
}
