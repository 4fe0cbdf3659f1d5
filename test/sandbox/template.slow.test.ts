// The sandbox's databases from the packaged template (dist/, made by `npm run build`), with real PGlite: a new data
// directory or in-memory database is the template's copy (same system identifier), with the sys objects, and
// takes DDL and DML; without a usable template PGlite's initdb makes a new one (another identifier) that works the
// same. A copy is recognised by PostgreSQL's system identifier, which initdb draws anew for every cluster.
import { cpSync, existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type PGlite } from '../../src/sandbox/database.js'
import { packagedTemplateDir, readTemplate, seedingPath, TEMPLATE_FILE, TEMPLATE_MANIFEST } from '../../src/sandbox/template.js'
import { project } from '../helpers/project.js'

const template = readTemplate(packagedTemplateDir())
const control = template?.entries.find((e) => e.path === 'global/pg_control')
const TEMPLATE_ID = control?.type === 'file' ? Buffer.from(control.data).readBigUInt64LE(0).toString() : undefined

async function systemId(db: PGlite): Promise<string> {
  return (await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0]!.id
}

/** The sandbox's own objects are there, and the database takes a table, rows and a job row. */
async function expectWorking(db: PGlite): Promise<void> {
  expect((await db.query("SELECT to_regclass('sys.jobs') IS NOT NULL AS jobs, to_regprocedure('sys.wait_for_job(text)') IS NOT NULL AS wait")).rows).toEqual([{ jobs: true, wait: true }])
  await db.exec("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO notes VALUES (1, 'kept'); INSERT INTO sys.jobs (job_id, status, job_type) VALUES ('j1', 'completed', 'INDEX_BUILD')")
  expect((await db.query("SELECT sys.wait_for_job('j1') AS done")).rows).toEqual([{ done: true }])
  expect((await db.query('SHOW TimeZone')).rows).toEqual([{ TimeZone: 'UTC' }])
}

/** A template folder with the packaged template's files and its manifest edited by `edit`. */
async function editedTemplate(edit: (manifest: Record<string, unknown>) => void): Promise<string> {
  const dir = await project({}, 'dbskills-template-')
  cpSync(join(packagedTemplateDir(), TEMPLATE_FILE), join(dir, TEMPLATE_FILE))
  const manifest = JSON.parse(await readFile(join(packagedTemplateDir(), TEMPLATE_MANIFEST), 'utf8'))
  edit(manifest)
  await writeFile(join(dir, TEMPLATE_MANIFEST), JSON.stringify(manifest))
  return dir
}

describe('sandbox databases from the packaged template', () => {
  it('the build packed a cleanly stopped data directory: pg_control says shut down, no postmaster.pid', () => {
    expect(template, 'dist/ has no usable sandbox template: run npm run build').toBeDefined()
    expect(template!.entries.map((e) => e.path)).not.toContain('postmaster.pid')
    expect(control?.type === 'file' && Buffer.from(control.data).readUInt32LE(16)).toBe(1) // DBState DB_SHUTDOWNED
  })

  it('a new data directory is a copy of the template, works, and keeps its data across close and reopen', async () => {
    const data = join(await project(), 'dsql')
    await mkdir(data) // as lockDataDir leaves it
    let db = await openDatabase(data)
    try {
      expect(await systemId(db)).toBe(TEMPLATE_ID)
      await expectWorking(db)
    } finally {
      await db.close()
    }
    expect(existsSync(seedingPath(data))).toBe(false)
    db = await openDatabase(data)
    try {
      expect((await db.query('SELECT body FROM notes')).rows).toEqual([{ body: 'kept' }])
      expect((await db.query("SELECT status FROM sys.jobs WHERE job_id = 'j1'")).rows).toEqual([{ status: 'completed' }])
    } finally {
      await db.close()
    }
  })

  it('a start killed during extraction left a staging folder: the next start removes it and starts from the template', async () => {
    const root = await project({ '.dsql.dbskills-seeding/PG_VERSION': '18\n', '.dsql.dbskills-seeding/base/1/1259': 'half a file' })
    await mkdir(join(root, 'dsql'))
    const db = await openDatabase(join(root, 'dsql'))
    try {
      expect(await systemId(db)).toBe(TEMPLATE_ID)
      await expectWorking(db)
    } finally {
      await db.close()
    }
    expect(existsSync(join(root, '.dsql.dbskills-seeding'))).toBe(false)
  })

  it('an in-memory database (--check) is loaded from the template', async () => {
    const db = await openDatabase(undefined)
    try {
      expect(await systemId(db)).toBe(TEMPLATE_ID)
      await expectWorking(db)
    } finally {
      await db.close()
    }
  })

  it('a template recorded for another PGlite version is not used: initdb makes the data directory, which works', async () => {
    const templateDir = await editedTemplate((m) => { m.pglite = '0.4.0' })
    const data = join(await project(), 'dsql')
    const db = await openDatabase(data, templateDir)
    try {
      expect(await systemId(db)).not.toBe(TEMPLATE_ID)
      await expectWorking(db)
    } finally {
      await db.close()
    }
  })

  it('without a template the in-memory database comes from initdb and works', async () => {
    const db = await openDatabase(undefined, await project({}, 'dbskills-no-template-'))
    try {
      expect(await systemId(db)).not.toBe(TEMPLATE_ID)
      await expectWorking(db)
    } finally {
      await db.close()
    }
  })
})
