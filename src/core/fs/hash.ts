import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { byCodePoint } from '../paths.js'

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/**
 * Hash for ownership checks: text compared without regard to line endings, so a checkout that turned
 * LF into CRLF (git autocrlf) is not mistaken for a user edit. Binary content (has a NUL) is hashed as is.
 */
export function contentHash(data: Buffer | string): string {
  const content = typeof data === 'string' ? Buffer.from(data) : data
  if (content.includes(0)) return sha256(content)
  return sha256(content.toString('latin1').replace(/\r\n/g, '\n'))
}

/** Files of a folder, relative with '/', skipping .git and node_modules (as the `skills` CLI does). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  async function walk(d: string): Promise<void> {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== '.git' && e.name !== 'node_modules') await walk(p)
      } else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'))
    }
  }
  await walk(dir)
  return out.sort(byCodePoint)
}

/** A cheap identity of a folder's content (code-point order, no ICU): the key for cached folder hashes. */
export function contentSignature(files: ReadonlyArray<{ rel: string; content: Buffer | string }>): string {
  const h = createHash('sha256')
  for (const f of [...files].sort((a, b) => byCodePoint(a.rel, b.rel))) h.update(`${f.rel}\0${f.content.length}\0`).update(f.content)
  return h.digest('hex')
}

/**
 * The `skills` CLI's `computedHash` for skills-lock.json: one sha256 over each file's relative path
 * then its bytes, files sorted by localeCompare. Same scheme so `npx skills` agrees with our lock.
 */
export function folderHash(files: ReadonlyArray<{ rel: string; content: Buffer | string }>): string {
  const h = createHash('sha256')
  for (const f of [...files].sort((a, b) => a.rel.localeCompare(b.rel))) {
    h.update(f.rel)
    h.update(f.content)
  }
  return h.digest('hex')
}

export async function hashFolder(dir: string): Promise<string> {
  const rels = await listFiles(dir)
  return folderHash(rels.map((rel) => ({ rel, content: readFileSync(join(dir, rel)) })))
}
