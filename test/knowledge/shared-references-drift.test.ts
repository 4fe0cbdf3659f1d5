// A committed copy of a shared reference that drifted from references/ must fail CI. The build used to re-copy
// the references before the tests ran, which hid any drift; now the build refuses to overwrite a drifted copy
// (only `npm run sync:references` does), and this test reads the copies as committed.
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { project } from '../helpers/project.js'

interface SharedCopy { source: string; target: string; missingSource: boolean; missingTarget: boolean; inSync: boolean }
type Mode = 'build' | 'write' | 'check'
const repoRoot = join(import.meta.dirname, '..', '..')
// A computed specifier keeps TypeScript from resolving the untyped .mjs; the script is the single implementation.
const script = join(repoRoot, 'scripts', 'sync-references.mjs')
const { sharedCopies, syncReferences } = (await import(script)) as {
  sharedCopies: (root: string) => SharedCopy[]
  syncReferences: (root: string, mode: Mode) => { problems: string[]; written: string[] }
}

async function drifted(): Promise<string> {
  const root = await project({
    'references/shared.json': JSON.stringify({ 'a.md': ['x', 'y'] }),
    'references/a.md': '# A\n\nThe source.\n',
    'skills/x/references/a.md': '# A\n\nThe source.\n',
    'skills/y/references/a.md': '# A\n\nEdited in the copy only.\n',
  })
  await mkdir(join(root, 'skills', 'z'), { recursive: true })
  return root
}

describe('shared reference copies', () => {
  it('every committed copy in this repository is byte-identical to its source', () => {
    const copies = sharedCopies(repoRoot)
    expect(copies.length).toBeGreaterThan(0)
    expect(copies.filter((c) => !c.inSync).map((c) => relative(repoRoot, c.target))).toEqual([])
  })

  it('a drifted copy is reported, and the build refuses to overwrite it', async () => {
    const root = await drifted()
    expect(sharedCopies(root).filter((c) => !c.inSync).map((c) => relative(root, c.target))).toEqual(['skills/y/references/a.md'])
    const build = syncReferences(root, 'build')
    expect(build.problems).toEqual([expect.stringMatching(/^drift: skills\/y\/references\/a\.md differs from references\/a\.md/)])
    expect(readFileSync(join(root, 'skills/y/references/a.md'), 'utf8')).toContain('Edited in the copy only')
    expect(syncReferences(root, 'check').problems).toHaveLength(1)
  })

  it('the build creates a missing copy; only --write overwrites a drifted one', async () => {
    const root = await drifted()
    await writeFile(join(root, 'references/shared.json'), JSON.stringify({ 'a.md': ['x', 'y'], 'b.md': ['x'] }))
    await writeFile(join(root, 'references/b.md'), 'B\n')
    const build = syncReferences(root, 'build')
    expect(build.written.map((w) => relative(root, w))).toEqual(['skills/x/references/b.md'])
    expect(build.problems).toHaveLength(1)
    expect(syncReferences(root, 'write').written.map((w) => relative(root, w))).toEqual(['skills/y/references/a.md'])
    expect(syncReferences(root, 'check').problems).toEqual([])
  })
})
