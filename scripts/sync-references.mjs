#!/usr/bin/env node
// Shared references live once in references/ and are copied, byte for byte, into
// skills/<name>/references/ for every skill that references/shared.json lists. Each skill folder must be
// self-contained with real files (the `skills` CLI copies only that folder), hence copies, not links.
// `node scripts/sync-references.mjs` writes the copies; `--check` only reports drift (exit 1).
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Every (source, target) pair the manifest asks for, with whether the target is already identical. */
export function sharedCopies(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'references', 'shared.json'), 'utf8'))
  const out = []
  for (const [file, skills] of Object.entries(manifest)) {
    const source = join(root, 'references', file)
    for (const skill of skills) {
      if (!existsSync(join(root, 'skills', skill))) continue // a skill not written yet gets its copy when it exists
      const target = join(root, 'skills', skill, 'references', file)
      const want = existsSync(source) ? readFileSync(source) : undefined
      const have = existsSync(target) ? readFileSync(target) : undefined
      out.push({ source, target, missingSource: !want, inSync: !!want && !!have && want.equals(have) })
    }
  }
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const check = process.argv.includes('--check')
  let bad = 0
  for (const c of sharedCopies(root)) {
    if (c.missingSource) { console.error(`missing shared reference ${c.source}`); bad++; continue }
    if (c.inSync) continue
    if (check) { console.error(`drift: ${c.target} differs from ${c.source}; run npm run sync:references`); bad++; continue }
    mkdirSync(dirname(c.target), { recursive: true })
    writeFileSync(c.target, readFileSync(c.source))
    console.error(`copied ${c.source} -> ${c.target}`)
  }
  process.exit(bad ? 1 : 0)
}
