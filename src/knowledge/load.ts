// Synchronous reads: a few small files, and node:fs/promises is not loaded for them (it costs more than they do).
import { readFileSync, readdirSync, type Dirent } from 'node:fs'
import { basename, join } from 'node:path'
import { sha256 } from '../core/fs/hash.js'
import { readBuildCache } from './build-cache.js'
import { checkFrontmatter, type Issue } from './schema.js'

/** A skill as packaged: what `add` installs and `list` shows. */
export interface Skill {
  name: string
  description: string
  version: string
  updated: string
  /**
   * The one place for a skill's own data (SKILL.md `metadata`), read by steering, power, plugins and list:
   * a human title, a one-line summary, the generic knowledge the agent must not fall back on, activation keywords.
   * A skill that omits them (a third-party one under `dbskills validate`) gets neutral defaults.
   */
  title: string
  summary: string
  fallback: string
  keywords: string[]
  /** Absolute path of the skill folder. */
  dir: string
}

/** The skill's own data from its metadata map, with neutral defaults (see Skill). */
export function skillData(name: string, description: string, m: Record<string, string>): Pick<Skill, 'title' | 'summary' | 'fallback' | 'keywords'> {
  return {
    title: m.title ?? name,
    summary: m.summary ?? description.split(/(?<=\.)\s/)[0]!,
    fallback: m.fallback ?? 'generic database knowledge',
    keywords: (m.keywords ?? name).split(',').map((k) => k.trim()).filter(Boolean),
  }
}

export interface ParsedSkill {
  skill?: Skill
  issues: Issue[]
}

interface Frontmatter { data: Record<string, unknown>; raw: string }

async function parseFrontmatter(src: string): Promise<Frontmatter> {
  const { default: matter } = await import('gray-matter')
  // An options object bypasses gray-matter's by-content cache, whose results are shared and mutable.
  const parsed = matter(src, {})
  return { data: parsed.data, raw: parsed.matter }
}

/** sha256 of a folder's SKILL.md text as the loader reads it (BOM removed); undefined when unreadable. */
export async function skillMdSha(dir: string): Promise<string | undefined> {
  let text: string | undefined
  try { text = readFileSync(join(dir, 'SKILL.md'), 'utf8') } catch { text = undefined }
  return text === undefined ? undefined : sha256(text.replace(/^\uFEFF/, ''))
}

/** Parse and check one skill folder's SKILL.md. */
export async function readSkill(dir: string, packageRoot?: string): Promise<ParsedSkill> {
  const file = join(dir, 'SKILL.md')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { issues: [{ file, line: 1, rule: 'skill-md', message: 'SKILL.md is missing' }] }
  }
  const src = text.replace(/^\uFEFF/, '')
  if (packageRoot) {
    // The build ran this same function on the packaged skill and stored its answer under the file's sha256.
    const hit = readBuildCache(packageRoot).skills[basename(dir)]
    if (hit && hit.sha256 === sha256(src) && dir === join(packageRoot, 'skills', hit.name)) {
      const { sha256: _sha, ...skill } = hit
      return { skill: { ...skill, dir }, issues: [] }
    }
  }
  if (!/^---\r?\n/.test(src)) return { issues: [{ file, line: 1, rule: 'frontmatter', message: 'SKILL.md must start with YAML front matter (--- on the first line)' }] }
  let data: Record<string, unknown>
  let raw: string
  try {
    const parsed = await parseFrontmatter(src)
    data = parsed.data
    raw = parsed.raw
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark
    return { issues: [{ file, line: (mark?.line ?? 0) + 2, rule: 'frontmatter', message: `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}` }] }
  }
  const issues = checkFrontmatter(data, basename(dir), file, raw)
  if (issues.length) return { issues }
  const m = data.metadata as Record<string, string>
  const name = data.name as string
  const description = (data.description as string).trim()
  return {
    skill: { name, description, version: m.version!, updated: m.updated!, ...skillData(name, description, m), dir },
    issues,
  }
}

export interface Catalog {
  /** Every skill folder in the package. */
  names: string[]
  /** The parsed, valid skills (all of them, or those asked for). */
  skills: Skill[]
  /** Folder name -> problems, for packaged skills that failed validation (never installed). */
  invalid: Map<string, Issue[]>
}

/**
 * The packaged catalog: skills/<name>/SKILL.md under the package root, sorted by name. With `only`,
 * just those folders are parsed (add dsql need not parse every skill's YAML).
 */
export async function loadCatalog(packageRoot: string, only?: readonly string[]): Promise<Catalog> {
  const root = join(packageRoot, 'skills')
  let entries: Dirent[] = []
  try { entries = readdirSync(root, { withFileTypes: true }) } catch { /* no skills folder: an empty catalog */ }
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  const parsed = await Promise.all(names.filter((n) => !only || only.includes(n)).map(async (n) => ({ n, p: await readSkill(join(root, n), packageRoot) })))
  return {
    names,
    skills: parsed.flatMap(({ p }) => (p.skill ? [p.skill] : [])),
    invalid: new Map(parsed.filter(({ p }) => !p.skill).map(({ n, p }) => [n, p.issues])),
  }
}
