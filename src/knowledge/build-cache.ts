/**
 * Build step (tsup onSuccess runs dist/build-cache.js): work `add` would otherwise repeat on every run, keyed by
 * content so it can never be stale. Front matter parsed once per SKILL.md (keyed by the file's sha256) spares
 * `add` the YAML parser (~9 ms); each skill folder's skills-CLI hash (keyed by a code-point-order content
 * signature) spares it the ICU collation that hash's localeCompare ordering loads (~5 ms).
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { contentSignature, folderHash, listFiles, sha256 } from '../core/fs/hash.js'

export interface BuildCache {
  frontmatter: Record<string, { data: Record<string, unknown>; raw: string }>
  folderHashes: Record<string, string>
}

export const BUILD_CACHE = join('dist', 'build-cache.json')

export async function buildCache(packageRoot: string): Promise<BuildCache> {
  const { default: matter } = await import('gray-matter')
  const cache: BuildCache = { frontmatter: {}, folderHashes: {} }
  const root = join(packageRoot, 'skills')
  for (const name of (await readdir(root)).sort()) {
    const dir = join(root, name)
    const files = await Promise.all((await listFiles(dir)).map(async (rel) => ({ rel, content: await readFile(join(dir, rel)) })))
    cache.folderHashes[contentSignature(files)] = folderHash(files)
    const skillMd = files.find((f) => f.rel === 'SKILL.md')
    if (!skillMd) continue
    const text = skillMd.content.toString('utf8').replace(/^\uFEFF/, '')
    try {
      const parsed = matter(text, {})
      cache.frontmatter[sha256(text)] = { data: parsed.data, raw: parsed.matter }
    } catch {
      // Invalid YAML is reported by validate at run time; nothing to cache.
    }
  }
  return cache
}

const loaded = new Map<string, Promise<BuildCache>>()

/** The packaged build cache (empty when absent, e.g. running from source before a build). */
export function readBuildCache(packageRoot: string): Promise<BuildCache> {
  let c = loaded.get(packageRoot)
  if (!c) {
    c = readFile(join(packageRoot, BUILD_CACHE), 'utf8').then((t) => JSON.parse(t) as BuildCache, () => ({ frontmatter: {}, folderHashes: {} }))
    loaded.set(packageRoot, c)
  }
  return c
}
