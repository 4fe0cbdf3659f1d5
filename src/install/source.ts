import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { folderHash, listFiles, sha256 } from '../core/fs/hash.js'
import type { Skill } from '../knowledge/load.js'

export interface SourceFile {
  rel: string
  content: Buffer
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

export async function readSkillSource(skill: Skill): Promise<SkillSource> {
  const rels = await listFiles(skill.dir)
  const files = await Promise.all(
    rels.map(async (rel) => {
      const abs = join(skill.dir, rel)
      const [content, st] = await Promise.all([readFile(abs), stat(abs)])
      return { rel, content, hash: sha256(content), mode: st.mode & 0o111 ? 0o755 : 0o644 }
    }),
  )
  return { skill, files, hash: folderHash(files) }
}
