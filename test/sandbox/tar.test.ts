// The sandbox template's ustar reader and writer: what one writes the other reads back, and a damaged or unexpected
// archive is refused rather than half-read. GNU tar reads what we write (the archive is standard, so PGlite's own
// reader can load it too).
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTar, writeTar, type TarEntry } from '../../src/sandbox/tar.js'
import { project } from '../helpers/project.js'

const bytes = (s: string) => new Uint8Array(Buffer.from(s))
const LONG = `${'d'.repeat(90)}/${'e'.repeat(90)}/file` // over ustar's 100-byte name field: split into prefix + name

const ENTRIES: TarEntry[] = [
  { type: 'file', path: 'PG_VERSION', data: bytes('18\n') },
  { type: 'dir', path: 'base' },
  { type: 'dir', path: 'base/1' },
  { type: 'file', path: 'base/1/1259', data: new Uint8Array(8192).fill(7) },
  { type: 'file', path: 'empty', data: new Uint8Array(0) },
  { type: 'file', path: 'odd', data: bytes('x'.repeat(513)) },
  { type: 'file', path: LONG, data: bytes('long') },
]

/** A one-member archive whose header is edited by `edit` (checksum recomputed unless `keepSum`). */
function archive(edit: (h: Buffer) => void, keepSum = false): Buffer {
  const tar = writeTar([{ type: 'file', path: 'a', data: bytes('x') }])
  const h = tar.subarray(0, 512)
  edit(h)
  if (!keepSum) {
    h.fill(0x20, 148, 156)
    const sum = h.reduce((s, b) => s + b, 0)
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  }
  return tar
}

describe('tar', () => {
  it('reads back what it writes: files, folders, empty and unaligned files, long paths', () => {
    const tar = writeTar(ENTRIES)
    expect(tar.length % 512).toBe(0)
    expect(readTar(tar).map((e) => (e.type === 'file' ? { ...e, data: Buffer.from(e.data).toString('hex') } : e)))
      .toEqual(ENTRIES.map((e) => (e.type === 'file' ? { ...e, data: Buffer.from(e.data).toString('hex') } : e)))
  })

  it.runIf(process.platform !== 'win32')('writes an archive GNU tar lists with the same names and modes', async () => {
    const dir = await project()
    await writeFile(join(dir, 't.tar'), writeTar(ENTRIES))
    const r = spawnSync('tar', ['-tvf', 't.tar'], { cwd: dir, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const listed = r.stdout.trim().split('\n').map((l) => { const f = l.split(/\s+/); return `${f[0]} ${f.at(-1)}` })
    expect(listed).toEqual(['-rw------- PG_VERSION', 'drwx------ base', 'drwx------ base/1', '-rw------- base/1/1259', '-rw------- empty', '-rw------- odd', `-rw------- ${LONG}`])
    const x = spawnSync('tar', ['-xf', 't.tar'], { cwd: dir })
    expect(x.status).toBe(0)
    expect(await readFile(join(dir, 'odd'), 'utf8')).toBe('x'.repeat(513))
  })

  it('refuses to write a path that leaves the archive\'s folder', () => {
    expect(() => writeTar([{ type: 'dir', path: 'base/../../x' }])).toThrow(/not a plain relative path/)
  })

  it('reads member names as PGlite dumps them, with a leading slash', () => {
    expect(readTar(archive((h) => h.write('/base/1/112\0', 0, 'ascii'))).map((e) => e.path)).toEqual(['base/1/112'])
  })

  it.each([
    ['a damaged header', archive((h) => { h[0] = 0x62 }, true), /checksum/],
    ['a parent-folder name', archive((h) => h.write('../x\0', 0, 'ascii')), /not a plain relative path/],
    ['a backslash name', archive((h) => h.write('a\\..\\x\0', 0, 'ascii')), /not a plain relative path/],
    ['a symbolic link', archive((h) => h.write('2', 156, 'ascii')), /type "2"/],
    ['a truncated member', archive(() => undefined).subarray(0, 512), /truncated/],
    ['no end-of-archive blocks', archive(() => undefined).subarray(0, 1024), /truncated/],
  ])('refuses %s', (_label, tar, error) => {
    expect(() => readTar(tar)).toThrow(error)
  })
})
