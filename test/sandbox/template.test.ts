// When a sandbox data directory is filled from the database template, and when it is left to PGlite's initdb: on
// real folders with a small stand-in template (no PGlite here; template.slow.test.ts opens the real one).
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeTar } from '../../src/sandbox/tar.js'
import { readTemplate, seedDataDir, TEMPLATE_FILE, TEMPLATE_MANIFEST, templateKey, writeTemplate, type TemplateKey } from '../../src/sandbox/template.js'
import { project } from '../helpers/project.js'

const POSIX = process.platform !== 'win32'
const bytes = (s: string) => new Uint8Array(Buffer.from(s))

/** A template folder holding a three-entry "data directory", made for `key` (today's PGlite and bootstrap by default). */
async function standIn(key: TemplateKey = templateKey()): Promise<string> {
  const dir = await project({}, 'dbskills-template-')
  writeTemplate(dir, writeTar([
    { type: 'file', path: 'PG_VERSION', data: bytes('18\n') },
    { type: 'dir', path: 'base' },
    { type: 'file', path: 'base/1', data: bytes('page') },
  ]), key)
  return dir
}

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((p) => p.replaceAll('\\', '/')).sort()
}

describe('sandbox database template', () => {
  it('records the installed PGlite version and the bootstrap hash', async () => {
    const pglite = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version
    expect(templateKey()).toEqual({ pglite, bootstrap: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // size: three headers, two data blocks and the two end-of-archive blocks of the stand-in's tar.
    expect(JSON.parse(await readFile(join(await standIn(), TEMPLATE_MANIFEST), 'utf8'))).toEqual({ ...templateKey(), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 7 * 512 })
  })

  it.each([['missing', false], ['empty', true]])('fills a %s data directory, with PostgreSQL\'s modes', async (_label, create) => {
    const root = await project()
    const data = join(root, 'sandbox', 'dsql')
    if (create) await mkdir(data, { recursive: true })
    expect(seedDataDir(data, await standIn())).toBe(true)
    expect(await listing(data)).toEqual(['PG_VERSION', 'base', 'base/1'])
    expect(await readFile(join(data, 'base', '1'), 'utf8')).toBe('page')
    expect(await readdir(join(root, 'sandbox'))).toEqual(['dsql']) // no staging folder left
    if (POSIX) {
      expect((await stat(data)).mode & 0o777).toBe(0o700)
      expect((await stat(join(data, 'base'))).mode & 0o777).toBe(0o700)
      expect((await stat(join(data, 'PG_VERSION'))).mode & 0o777).toBe(0o600)
    }
  })

  it.each([
    ['holds a database', { 'PG_VERSION': '17\n', 'base/5/1259': 'theirs' }],
    ['holds anything else', { 'notes.txt': 'mine' }],
  ])('leaves a data directory that %s untouched', async (_label, files) => {
    const root = await project(Object.fromEntries(Object.entries(files).map(([p, c]) => [`dsql/${p}`, c])))
    const data = join(root, 'dsql')
    const before = await listing(data)
    expect(seedDataDir(data, await standIn())).toBe(false)
    expect(await listing(data)).toEqual(before)
    for (const [p, c] of Object.entries(files)) expect(await readFile(join(data, p), 'utf8')).toBe(c)
  })

  it('removes what a start killed during extraction left, and fills the folder again', async () => {
    const root = await project({ '.dsql.dbskills-seeding/PG_VERSION': '18\n', '.dsql.dbskills-seeding/base/half': 'x' })
    await mkdir(join(root, 'dsql'))
    expect(seedDataDir(join(root, 'dsql'), await standIn())).toBe(true)
    expect(await listing(root)).toEqual(['dsql', 'dsql/PG_VERSION', 'dsql/base', 'dsql/base/1'])
  })

  it("leaves a user's own <name>.seeding folder alone (the staging name is dbskills' own, hidden)", async () => {
    const root = await project({ 'dsql.seeding/notes.txt': 'mine\n' })
    expect(seedDataDir(join(root, 'dsql'), await standIn())).toBe(true)
    expect(await readFile(join(root, 'dsql.seeding/notes.txt'), 'utf8')).toBe('mine\n')
  })

  it('removes a leftover staging folder even when the data directory already holds a database', async () => {
    const root = await project({ 'dsql/PG_VERSION': '18\n', '.dsql.dbskills-seeding/PG_VERSION': '18\n' })
    expect(seedDataDir(join(root, 'dsql'), await standIn())).toBe(false)
    expect(await listing(root)).toEqual(['dsql', 'dsql/PG_VERSION'])
  })

  it.each([
    ['made by another PGlite', async () => standIn({ ...templateKey(), pglite: '0.0.1' })],
    ['made with another bootstrap', async () => standIn({ ...templateKey(), bootstrap: '0'.repeat(64) })],
    ['missing', async () => project({}, 'dbskills-template-')],
    ['without its manifest', async () => { const d = await standIn(); await writeFile(join(d, TEMPLATE_MANIFEST), ''); return d }],
    ['with a manifest of an older format (no size)', async () => {
      const d = await standIn()
      const { size: _size, ...older } = JSON.parse(await readFile(join(d, TEMPLATE_MANIFEST), 'utf8'))
      await writeFile(join(d, TEMPLATE_MANIFEST), JSON.stringify(older))
      return d
    }],
    ['damaged', async () => { const d = await standIn(); const b = await readFile(join(d, TEMPLATE_FILE)); b[b.length >> 1]! ^= 1; await writeFile(join(d, TEMPLATE_FILE), b); return d }],
    ['without PG_VERSION', async () => { const d = await project({}, 'dbskills-template-'); writeTemplate(d, writeTar([{ type: 'dir', path: 'base' }])); return d }],
  ])('is not used when %s: the folder stays empty for initdb', async (_label, make) => {
    const templateDir = await make()
    const root = await project()
    await mkdir(join(root, 'dsql'))
    expect(readTemplate(templateDir)).toBeUndefined()
    expect(seedDataDir(join(root, 'dsql'), templateDir)).toBe(false)
    expect(await listing(root)).toEqual(['dsql'])
  })

  it('leaves no staging folder when extraction fails half-way', async () => {
    const templateDir = await project({}, 'dbskills-template-')
    // A file listed before its folder: the write fails after PG_VERSION is out.
    writeTemplate(templateDir, writeTar([{ type: 'file', path: 'PG_VERSION', data: bytes('18\n') }, { type: 'file', path: 'base/1', data: bytes('x') }]))
    const root = await project()
    expect(seedDataDir(join(root, 'dsql'), templateDir)).toBe(false)
    expect(existsSync(join(root, '.dsql.dbskills-seeding'))).toBe(false)
    expect(existsSync(join(root, 'dsql'))).toBe(false)
  })
})
