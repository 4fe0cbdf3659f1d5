#!/usr/bin/env node
// Build step (run by tsup's onSuccess): parse every packaged SKILL.md's front matter once and store it in
// dist/frontmatter-cache.json keyed by the file's sha256. At run time `add` reuses an entry only when the
// SKILL.md bytes hash the same, so the cache can never be stale; it spares `add` loading a YAML parser
// (~9 ms of a ~50 ms start-up budget). The checks themselves (schema.ts) still run on every load.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import matter from 'gray-matter'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = {}
for (const name of readdirSync(join(root, 'skills')).sort()) {
  const file = join(root, 'skills', name, 'SKILL.md')
  if (!existsSync(file)) continue
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  try {
    const { data, matter: raw } = matter(text, {})
    out[createHash('sha256').update(text).digest('hex')] = { data, raw }
  } catch {
    // Invalid YAML is reported by validate at run time; nothing to cache.
  }
}
writeFileSync(join(root, 'dist', 'frontmatter-cache.json'), `${JSON.stringify(out)}\n`)
