/**
 * The packaged catalog, written at build time (`node dist/build-cache.cjs`, run by `npm run build`) so `add` can skip
 * the YAML parser (~9 ms) and the ICU collation of the skills-CLI folder hash (~5 ms).
 *
 * One parser, one answer: the build runs the real loader (`readSkill` in load.ts: gray-matter + schema.ts) on every
 * packaged skill and refuses to finish if any skill has an issue. The catalog stores the loader's own result for
 * each valid skill, keyed by the SKILL.md's sha256; at run time `readSkill` uses an entry only when the bytes are
 * the same, and otherwise runs the loader itself. So for the same input both paths give the same answer.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { contentHash, contentSignature, folderHash, listFiles } from '../core/fs/hash.js'
import { escapingLinks } from './links.js'
import type { Issue } from './schema.js'
import type { Skill } from './load.js'

/** A valid skill as the loader returned it at build time (without its absolute `dir`). */
export interface CatalogEntry extends Omit<Skill, 'dir'> {
  /** sha256 of the SKILL.md text (BOM removed) the entry was read from. */
  sha256: string
}

export interface BuildCache {
  /** Folder name -> the loader's result for that folder's SKILL.md. */
  skills: Record<string, CatalogEntry>
  /** Code-point-order content signature -> skills-CLI folder hash. */
  folderHashes: Record<string, string>
  /** Content signature -> each file's ownership hash (contentHash), for content whose links the build checked. */
  fileHashes: Record<string, Record<string, string>>
}

export const BUILD_CACHE = join('dist', 'build-cache.json')

/** Thrown by buildCache when a packaged skill does not pass the loader: the build must fail. */
export class InvalidPackagedSkills extends Error {
  constructor(readonly issues: Issue[]) {
    super(`packaged skills fail validation:\n${issues.map((i) => `  ${i.file}:${i.line} ${i.rule}: ${i.message}`).join('\n')}`)
  }
}

export async function buildCache(packageRoot: string): Promise<BuildCache> {
  const { readSkill, skillMdSha } = await import('./load.js')
  const cache: BuildCache = { skills: {}, folderHashes: {}, fileHashes: {} }
  const issues: Issue[] = []
  const root = join(packageRoot, 'skills')
  for (const e of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isDirectory()) continue
    const dir = join(root, e.name)
    const files = (await listFiles(dir)).map((rel) => ({ rel, content: readFileSync(join(dir, rel)) }))
    const sig = contentSignature(files)
    cache.folderHashes[sig] = folderHash(files)
    const links = files.flatMap((f) => escapingLinks(dir, f.rel, f.content))
    issues.push(...links.map((message) => ({ file: join(dir, message.split(':')[0]!), line: 1, rule: 'link', message })))
    if (!links.length) cache.fileHashes[sig] = Object.fromEntries(files.map((f) => [f.rel, contentHash(f.content)]))
    const parsed = await readSkill(dir) // no packageRoot: never the cache, always the loader
    issues.push(...parsed.issues)
    const sha = await skillMdSha(dir)
    if (parsed.skill && sha) {
      const { dir: _dir, ...skill } = parsed.skill
      cache.skills[e.name] = { sha256: sha, ...skill }
    }
  }
  if (issues.length) throw new InvalidPackagedSkills(issues)
  return cache
}

const EMPTY = (): BuildCache => ({ skills: {}, folderHashes: {}, fileHashes: {} })
const loaded = new Map<string, BuildCache>()

/**
 * The packaged build cache (empty when absent or unreadable, e.g. running from source before a build), read once
 * per process. Synchronous: `add` needs it at once, and node:fs/promises stays out of its start-up.
 */
export function readBuildCache(packageRoot: string): BuildCache {
  let c = loaded.get(packageRoot)
  if (!c) {
    try {
      const v = JSON.parse(readFileSync(join(packageRoot, BUILD_CACHE), 'utf8')) as Partial<BuildCache>
      c = v && typeof v.skills === 'object' && typeof v.folderHashes === 'object' ? (v as BuildCache) : EMPTY()
    } catch {
      c = EMPTY()
    }
    loaded.set(packageRoot, c)
  }
  return c
}
