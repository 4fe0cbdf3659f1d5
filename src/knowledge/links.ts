/**
 * The install-time link check: relative links in a skill's Markdown must stay inside the skill folder (the `skills`
 * CLI copies only that folder). A cheap scan of inline links/images `](target)` and definitions `[x]: target`;
 * `dbskills validate` does the precise, Markdown-aware check. The build runs this on every packaged skill.
 */
import { dirname, join } from 'node:path'
import { isInside } from '../core/paths.js'

const LINK = /\]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$/gm

export function escapingLinks(dir: string, rel: string, content: Buffer): string[] {
  if (!rel.endsWith('.md')) return []
  const out: string[] = []
  for (const m of content.toString('utf8').matchAll(LINK)) {
    const url = (m[1] ?? m[2] ?? '').split('#')[0]!
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) continue
    if (!isInside(dir, join(dir, dirname(rel), url))) out.push(`${rel}: link "${url}" points outside the skill folder`)
  }
  return out
}
