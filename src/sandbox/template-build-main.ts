/**
 * Build step (tsup entry, `node dist/build-sandbox-template.cjs` in `npm run build`): puts the sandbox's database
 * template (template.ts) in dist/. Making one runs initdb in WebAssembly (~8 s), so it is kept under
 * node_modules/.cache/dbskills-sandbox-template/ by PGlite version and bootstrap hash, and copied from there by the
 * next builds (tsup's `clean` empties dist/ every time).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { findPackageRoot } from '../core/context.js'
import { BOOTSTRAP } from './bootstrap.js'
import { writeTar, type TarEntry } from './tar.js'
import { checkedTemplate, TEMPLATE_FILE, TEMPLATE_MANIFEST, templateKey, writeTemplate, type TemplateKey } from './template.js'

/** Every folder and file under `dir`, parents first, in a stable order. */
function walk(dir: string, rel = ''): TarEntry[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((e): TarEntry[] => {
    const path = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) return [{ type: 'dir', path }, ...walk(join(dir, e.name), path)]
    if (e.isFile()) return [{ type: 'file', path, data: readFileSync(join(dir, e.name)) }]
    throw new Error(`${join(dir, e.name)}: a data directory should hold only files and folders`)
  })
}

/** Makes the template into `into` (which must not exist): initdb, the bootstrap, a clean shutdown, packed. */
async function makeTemplate(into: string, key: TemplateKey): Promise<void> {
  const work = mkdtempSync(`${into}.tmp-`) // beside `into`, so the final rename stays on one file system
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const data = join(work, 'data')
    const db = await PGlite.create(data)
    await db.exec(BOOTSTRAP)
    // Closed, not dumped while open: PostgreSQL writes a shutdown checkpoint and removes postmaster.pid, so every
    // copy starts as a cleanly stopped database, without crash recovery.
    await db.close()
    const entries = walk(data)
    if (entries.some((e) => e.path === 'postmaster.pid')) throw new Error(`${data}: postmaster.pid is still there after close()`)
    const out = join(work, 'out')
    mkdirSync(out)
    writeTemplate(out, writeTar(entries), key)
    renameSync(out, into)
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 })
  }
}

// The bundle is CommonJS (no top-level await): a promise chain that fails the build on error.
void (async () => {
  const root = findPackageRoot(import.meta.url)
  const key = templateKey()
  const cached = join(root, 'node_modules', '.cache', 'dbskills-sandbox-template', `pglite-${key.pglite}-bootstrap-${key.bootstrap.slice(0, 16)}`)
  const reuse = checkedTemplate(cached, key) !== undefined
  if (!reuse) {
    rmSync(cached, { recursive: true, force: true })
    mkdirSync(dirname(cached), { recursive: true })
    await makeTemplate(cached, key)
  }
  for (const file of [TEMPLATE_FILE, TEMPLATE_MANIFEST]) copyFileSync(join(cached, file), join(root, 'dist', file))
  console.error(`sandbox template: ${reuse ? 'from the cache' : 'made'} for PGlite ${key.pglite} (${relative(root, cached)})`)
})().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
