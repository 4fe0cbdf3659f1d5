import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { UserError } from '../core/errors.js'
import { contentHash, contentSignature, folderHash, listFiles } from '../core/fs/hash.js'
import { readBuildCache } from '../knowledge/build-cache.js'
import { escapingLinks } from '../knowledge/links.js'
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

/** Read a packaged skill for installing; refuses symlinks inside it and links that leave it. */
export async function readSkillSource(skill: Skill, packageRoot?: string): Promise<SkillSource> {
  const rels = await listFiles(skill.dir)
  const read = rels.map((rel) => {
    const abs = join(skill.dir, rel)
    return { rel, content: readFileSync(abs), mode: statSync(abs).mode & 0o111 ? 0o755 : 0o644 }
  })
  // The build checked this exact content (same signature) with the same functions and stored the answers.
  const cache = packageRoot ? readBuildCache(packageRoot) : undefined
  const sig = cache ? contentSignature(read) : undefined
  const known = sig ? cache!.fileHashes?.[sig] : undefined
  const files = read.map((f) => ({ ...f, hash: known?.[f.rel] ?? contentHash(f.content) }))
  const problems = [
    ...(await symlinksIn(skill.dir)).map((p) => `${relative(skill.dir, p).split(sep).join('/')}: symbolic link inside the skill`),
    ...(known ? [] : files.flatMap((f) => escapingLinks(skill.dir, f.rel, f.content))),
  ]
  if (problems.length)
    throw new UserError(`Refusing to install ${skill.name}: the packaged skill does not pass validation.`, {
      hint: `${problems.join('\n')}\nRun dbskills validate ${skill.dir} for details.`,
    })
  const hash = sig ? cache!.folderHashes[sig] : undefined
  return { skill, files, hash: hash ?? folderHash(read) }
}
