import { lstat, readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { isInside } from '../core/paths.js'
import { readSkill } from './load.js'
import type { Issue } from './schema.js'
import { parseToolsDoc, TOOLS_FILE } from './tools-doc.js'

/**
 * Percent-decodes the valid %XX runs of a link and leaves the rest as written: `100%.md` names the file `100%.md`,
 * as CommonMark renderers resolve it (they encode a lone % as %25), instead of throwing URIError.
 */
export function decodePath(url: string): string {
  return url.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run // an invalid UTF-8 sequence such as %ff: keep the bytes as written
    }
  })
}

/** Everything `dbskills validate` reports for one skill folder: front matter, links, symlinks. */
export async function validateSkillDir(dir: string): Promise<Issue[]> {
  const issues = [...(await readSkill(dir)).issues]
  const { links, isRelativeLink } = await import('./markdown.js')
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isSymbolicLink()) {
        issues.push({ file: p, line: 1, rule: 'symlink', message: 'symbolic links are not allowed inside a skill (installers copy the folder); replace it with the real file' })
      } else if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') await walk(p)
      } else if (e.name === 'metadata.json') {
        issues.push({ file: p, line: 1, rule: 'reserved-file', message: 'a file named metadata.json is dropped by the skills CLI when it copies a skill; rename it' })
      } else if (e.name === TOOLS_FILE && d === dir) {
        issues.push(...parseToolsDoc(await readFile(p, 'utf8'), p).issues)
      } else if (e.name.endsWith('.md')) {
        const text = await readFile(p, 'utf8')
        for (const link of await links(text)) {
          if (!isRelativeLink(link.url)) continue
          const target = decodePath(link.url.split('#')[0]!.split('?')[0]!)
          if (target === '') continue
          const abs = resolve(dirname(p), target)
          if (!isInside(dir, abs)) {
            issues.push({ file: p, line: link.line, rule: 'link-escapes', message: `link "${link.url}" points outside the skill folder; a copied skill cannot reach it` })
            continue
          }
          const exists = await stat(abs).then(() => true, () => false)
          if (!exists) issues.push({ file: p, line: link.line, rule: 'link-broken', message: `link "${link.url}" does not resolve (no ${target})` })
        }
      }
    }
  }
  if (await lstat(dir).then((s) => s.isDirectory(), () => false)) await walk(dir)
  return issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
}

/** Skill folders under `dir`: the folder itself if it has a SKILL.md, else its children that do (and skills/<x>). */
export async function findSkillDirs(dir: string): Promise<string[]> {
  const has = (d: string) => stat(join(d, 'SKILL.md')).then(() => true, () => false)
  if (await has(dir)) return [dir]
  const out: string[] = []
  for (const base of [dir, join(dir, 'skills')]) {
    const entries = await readdir(base, { withFileTypes: true }).catch(() => [])
    for (const e of entries) if (e.isDirectory() && (await has(join(base, e.name)))) out.push(join(base, e.name))
  }
  return out.sort()
}
