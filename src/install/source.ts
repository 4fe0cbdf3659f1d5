import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { UserError } from '../core/errors.js'
import { contentHash, contentSignature, folderHash, listFiles } from '../core/fs/hash.js'
import { readBuildCache } from '../knowledge/build-cache.js'
import { isInside } from '../core/paths.js'
import type { Skill } from '../knowledge/load.js'

export interface SourceFile {
  rel: string
  content: Buffer
  /** Line-ending-insensitive hash (contentHash). */
  hash: string
  mode: number
}

/** A packaged skill with its files read: what a copy location receives. */
export interface SkillSource {
  skill: Skill
  files: SourceFile[]
  /** skills-CLI compatible folder hash. */
  hash: string
}

async function symlinksIn(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isSymbolicLink()) out.push(p)
    else if (e.isDirectory()) out.push(...(await symlinksIn(p)))
  }
  return out
}

// Inline links/images `](target)` and definitions `[x]: target`. A cheap scan for the install path;
// `dbskills validate` does the precise, Markdown-aware check.
const LINK = /\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$/gm

function escapingLinks(dir: string, file: SourceFile): string[] {
  if (!file.rel.endsWith('.md')) return []
  const out: string[] = []
  for (const m of file.content.toString('utf8').matchAll(LINK)) {
    const url = (m[1] ?? m[2] ?? '').split('#')[0]!
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) continue
    if (!isInside(dir, join(dir, dirname(file.rel), url))) out.push(`${file.rel}: link "${url}" points outside the skill folder`)
  }
  return out
}

/** Read a packaged skill for installing; refuses symlinks inside it and links that leave it. */
export async function readSkillSource(skill: Skill, packageRoot?: string): Promise<SkillSource> {
  const rels = await listFiles(skill.dir)
  const files = await Promise.all(
    rels.map(async (rel) => {
      const abs = join(skill.dir, rel)
      const content = readFileSync(abs)
      const st = statSync(abs)
      return { rel, content, hash: contentHash(content), mode: st.mode & 0o111 ? 0o755 : 0o644 }
    }),
  )
  const problems = [
    ...(await symlinksIn(skill.dir)).map((p) => `${relative(skill.dir, p).split(sep).join('/')}: symbolic link inside the skill`),
    ...files.flatMap((f) => escapingLinks(skill.dir, f)),
  ]
  if (problems.length)
    throw new UserError(`Refusing to install ${skill.name}: the packaged skill does not pass validation.`, {
      hint: `${problems.join('\n')}\nRun dbskills validate ${skill.dir} for details.`,
    })
  const raw = files.map((f) => ({ rel: f.rel, content: f.content }))
  const hash = packageRoot ? (await readBuildCache(packageRoot)).folderHashes[contentSignature(raw)] : undefined
  return { skill, files, hash: hash ?? folderHash(raw) }
}
