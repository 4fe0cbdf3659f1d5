#!/usr/bin/env node
// Shared references live once in references/ and are copied, byte for byte, into
// skills/<name>/references/ for every skill that references/shared.json lists. Each skill folder must be
// self-contained with real files (the `skills` CLI copies only that folder), hence copies, not links.
//
// Three modes, so the build can never hide a drifted copy:
//   node scripts/sync-references.mjs           (run by `npm run build`) creates missing copies; a copy that
//                                              differs from its source is an error (exit 1), left as it is
//   node scripts/sync-references.mjs --write   (`npm run sync:references`) overwrites drifted copies
//   node scripts/sync-references.mjs --check   reports missing and drifted copies, writes nothing
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { join, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Every (source, target) pair the manifest asks for, with whether the target exists and is identical. */
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
      out.push({ source, target, missingSource: !want, missingTarget: !have, inSync: !!want && !!have && want.equals(have) })
    }
  }
  return out
}

/**
 * Brings the copies in line according to `mode` ('build' | 'write' | 'check'). Returns the problems (empty = ok)
 * and the copies written.
 */
export function syncReferences(root, mode) {
  const problems = []
  const written = []
  for (const c of sharedCopies(root)) {
    const rel = (p) => relative(root, p)
    if (c.missingSource) { problems.push(`missing shared reference ${rel(c.source)}`); continue }
    if (c.inSync) continue
    const drifted = !c.missingTarget
    if (mode === 'check' || (drifted && mode === 'build')) {
      problems.push(drifted
        ? `drift: ${rel(c.target)} differs from ${rel(c.source)}; edit the source, then run npm run sync:references`
        : `missing copy: ${rel(c.target)}; run npm run sync:references`)
      continue
    }
    mkdirSync(dirname(c.target), { recursive: true })
    writeFileSync(c.target, readFileSync(c.source))
    written.push(c.target)
  }
  return { problems, written }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  const mode = process.argv.includes('--check') ? 'check' : process.argv.includes('--write') ? 'write' : 'build'
  const { problems, written } = syncReferences(root, mode)
  for (const w of written) console.error(`copied ${relative(root, w)}`)
  for (const p of problems) console.error(p)
  process.exit(problems.length ? 1 : 0)
}
