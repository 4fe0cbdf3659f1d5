/**
 * The embedded PostgreSQL behind the sandbox: PGlite (PostgreSQL compiled to WebAssembly), on a data directory in
 * the project or in memory, with the `sys` objects DSQL has and PostgreSQL lacks (bootstrap.ts). PGlite is imported
 * here, dynamically, so only `dbskills sandbox` ever loads it; it is a real runtime dependency kept out of the
 * bundle (tsup.config.ts) because it ships .wasm and .data files.
 */
import type { PGlite } from '@electric-sql/pglite'
import { BOOTSTRAP } from './bootstrap.js'
import { packagedTemplateDir, readTemplate, seedDataDir } from './template.js'

export type { PGlite }

/**
 * Date and time values as text in the shapes the real server's JSON has (psycopg objects serialised by
 * pydantic): `2026-12-02T10:00:00.5Z`-style ISO 8601 instead of JavaScript Date objects.
 */
function isoTimestamp(text: string): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)?([+-]\d\d(?::?\d\d)?)?$/.exec(text)
  if (!m) return text // infinity, BC dates
  const frac = m[3] ? m[3].padEnd(7, '0') : ''
  const tz = m[4] === undefined ? '' : /^\+00(:?00)?$/.test(m[4]) ? 'Z' : m[4].length === 3 ? `${m[4]}:00` : m[4]
  return `${m[1]}T${m[2]}${frac}${tz}`
}

const PARSERS = {
  1082: (v: string) => v, // date
  1083: (v: string) => v, // time
  1114: isoTimestamp, // timestamp
  1184: isoTimestamp, // timestamptz
  1266: (v: string) => v, // timetz
}

/**
 * Opens (creating on first use) the database at `dataDir`, or an in-memory one when it is undefined. A new database
 * starts as a copy of the template in `templateDir` when it is usable there (template.ts), else from PGlite's initdb.
 */
export async function openDatabase(dataDir: string | undefined, templateDir = packagedTemplateDir()): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite')
  let db: PGlite
  if (dataDir === undefined) {
    const template = readTemplate(templateDir)
    db = await PGlite.create('memory://', { parsers: PARSERS, loadDataDir: template && new Blob([template.tar]) })
  } else {
    seedDataDir(dataDir, templateDir)
    db = await PGlite.create(dataDir, { parsers: PARSERS })
  }
  // DSQL sessions run in UTC; a fixed zone also makes results the same on every machine.
  await db.exec(`SET TIME ZONE 'UTC';${BOOTSTRAP}`)
  return db
}
