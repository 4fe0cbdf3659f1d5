/**
 * The sandbox's database template: a data directory made by PGlite's initdb and filled by BOOTSTRAP, packed once at
 * build time into dist/ (template-build-main.ts). A project's first start unpacks it (~0.8 s for 40 MB) instead
 * of running initdb in WebAssembly (~5 s); `--check` hands it to PGlite's `loadDataDir` for its in-memory database.
 * A template is used only when the installed PGlite made it, with today's bootstrap, and its bytes are intact;
 * otherwise the caller lets PGlite run initdb as before: slower, same database.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { findPackageRoot } from '../core/context.js'
import { hiddenSibling } from '../core/fs/atomic.js'
import { sha256 } from '../core/fs/hash.js'
import { BOOTSTRAP } from './bootstrap.js'
import { readTar, type TarEntry } from './tar.js'

// Brotli rather than gzip: a data directory holds three near-identical databases (template0, template1, postgres),
// repeats ~7 MB apart that brotli's 16 MiB window finds and gzip's 32 KiB one cannot. 1.4 MB instead of 4.6 MB in
// the npm package, for ~0.1 s more to unpack its 40 MB (~0.3 s instead of ~0.2 s).
export const TEMPLATE_FILE = 'sandbox-template.tar.br'
export const TEMPLATE_MANIFEST = 'sandbox-template.json'

/** What a template's database depends on. The manifest records the values it was made with. */
export interface TemplateKey {
  pglite: string
  /** sha256 of BOOTSTRAP. */
  bootstrap: string
}

interface Manifest extends TemplateKey {
  /** sha256 of the compressed template file. */
  sha256: string
  /** Bytes of the uncompressed tar: it unpacks into one buffer of that size. */
  size: number
}

/** The installed PGlite's version (the one `import('@electric-sql/pglite')` loads) and the bootstrap's hash. */
export function templateKey(): TemplateKey {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const pkg: unknown = JSON.parse(readFileSync(join(findPackageRoot(pathToFileURL(entry).href), 'package.json'), 'utf8'))
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined
  if (typeof version !== 'string') throw new Error(`${entry}: PGlite's package.json has no version`)
  return { pglite: version, bootstrap: sha256(BOOTSTRAP) }
}

/** dist/ of the dbskills package, where the build puts the template. */
export function packagedTemplateDir(): string {
  return join(findPackageRoot(import.meta.url), 'dist')
}

/** Compresses an uncompressed tar of a data directory into `dir` as a template, with its manifest. */
export function writeTemplate(dir: string, tar: Uint8Array, key: TemplateKey = templateKey()): void {
  const packed = brotliCompressSync(tar, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
  })
  const manifest: Manifest = { ...key, sha256: sha256(packed), size: tar.length }
  writeFileSync(join(dir, TEMPLATE_FILE), packed)
  writeFileSync(join(dir, TEMPLATE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** The compressed template in `dir` and its unpacked size, if its manifest matches `key` and its bytes their hash. */
export function checkedTemplate(dir: string, key: TemplateKey): { packed: Buffer; size: number } | undefined {
  let manifest: unknown
  let packed: Buffer
  try {
    manifest = JSON.parse(readFileSync(join(dir, TEMPLATE_MANIFEST), 'utf8'))
    packed = readFileSync(join(dir, TEMPLATE_FILE))
  } catch {
    return undefined // no template (a build without one, or a partial copy)
  }
  const recorded = new Map(typeof manifest === 'object' && manifest !== null ? Object.entries(manifest) : [])
  const size = recorded.get('size')
  const matches = recorded.get('pglite') === key.pglite && recorded.get('bootstrap') === key.bootstrap
  if (!matches || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined
  return recorded.get('sha256') === sha256(packed) ? { packed, size } : undefined
}

export interface Template {
  /** The uncompressed tar, for PGlite's `loadDataDir`. */
  tar: Uint8Array
  entries: TarEntry[]
}

/** The usable template in `dir`, or undefined: missing, made for another PGlite or bootstrap, or damaged. */
export function readTemplate(dir: string): Template | undefined {
  try {
    const checked = checkedTemplate(dir, templateKey())
    if (!checked) return undefined
    // One output buffer of the right size: by default zlib fills 16 KiB chunks and concatenates them, which costs a
    // fresh process ~0.2 s more (a second 40 MB of memory to touch).
    const tar = brotliDecompressSync(checked.packed, { chunkSize: Math.max(checked.size + 1, constants.Z_MIN_CHUNK) })
    const entries = readTar(tar)
    return entries.some((e) => e.type === 'file' && e.path === 'PG_VERSION') ? { tar, entries } : undefined
  } catch {
    return undefined // never fail a start because of the template: initdb still works
  }
}

/** True when `dir` is missing or an empty folder: nothing of the user's is there, not even a database. */
function isEmptyOrMissing(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT'
  }
}

/** Writes the entries under `into` (a new folder), with PostgreSQL's own modes: 0700 folders, 0600 files. */
function extract(entries: readonly TarEntry[], into: string): void {
  mkdirSync(into, { mode: 0o700 })
  for (const e of entries) {
    const path = join(into, ...e.path.split('/'))
    if (e.type === 'dir') mkdirSync(path, { recursive: true, mode: 0o700 })
    else writeFileSync(path, e.data, { mode: 0o600, flag: 'wx' })
  }
}

/** The staging folder for `dir`: `.<name>.dbskills-seeding` in the same parent. */
export const seedingPath = (dir: string): string => hiddenSibling(dir, 'seeding')

/**
 * Fills the data directory from the template in `templateDir` when it has no database yet: missing or empty. A
 * folder with anything in it is left alone (it is the user's; PGlite decides what to do with it). The files go
 * to a sibling folder first, renamed into place once complete, so a start killed half-way leaves that folder (which
 * the next start removes) and never a half database the next start would trust. Returns whether it filled the
 * folder; when it did not, PGlite runs initdb as it would without a template.
 */
export function seedDataDir(dataDir: string, templateDir: string): boolean {
  const dir = resolve(dataDir)
  // A hidden name of ours beside it (like apply's staged folders): a user's own `<name>.seeding` is never touched.
  const staging = seedingPath(dir)
  const removeStaging = () => rmSync(staging, { recursive: true, force: true, maxRetries: 3 })
  try {
    removeStaging() // what a start killed during extraction left
    if (!isEmptyOrMissing(dir)) return false
    const template = readTemplate(templateDir)
    if (!template) return false
    mkdirSync(dirname(dir), { recursive: true })
    extract(template.entries, staging)
    // rmdir removes only an empty folder: anything that appeared since the check above makes it throw, and stay.
    try { rmdirSync(dir) } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e }
    renameSync(staging, dir)
    return true
  } catch {
    try { removeStaging() } catch { /* the next start tries again */ }
    return false // never fail a start because of the template: initdb still works
  }
}
