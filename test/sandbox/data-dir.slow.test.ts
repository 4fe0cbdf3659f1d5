// Where the sandbox keeps its database, and what it writes around it: the default folder is dbskills' own and
// git-ignored; a folder chosen with --data-dir is the user's, and nothing is written beside it (its parent may be
// the project root, where an ignore-everything .gitignore would hide the whole repository from git).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { project } from '../helpers/project.js'
import { startSandbox } from '../helpers/sandbox.js'

async function runOnce(dir: string, flags: string[]): Promise<void> {
  const s = await startSandbox(dir, flags)
  try {
    expect((await s.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  } finally {
    await s.close()
  }
}

describe('sandbox data folder', () => {
  it('default: .dbskills/sandbox/dsql, with a .gitignore in .dbskills/sandbox/ only', async () => {
    const dir = await project({ 'README.md': 'mine\n' })
    await runOnce(dir, ['--allow-writes'])
    expect(existsSync(join(dir, '.dbskills/sandbox/dsql/PG_VERSION'))).toBe(true)
    expect(await readFile(join(dir, '.dbskills/sandbox/.gitignore'), 'utf8')).toMatch(/^\*$/m)
    expect(existsSync(join(dir, '.gitignore'))).toBe(false)
  })

  it("--data-dir db in the project root: the database is there, no .gitignore beside it, the user's db.pid untouched", async () => {
    const dir = await project({ 'README.md': 'mine\n', 'db.pid': 'my notes, not a pid\n' })
    await runOnce(dir, ['--allow-writes', '--data-dir', 'db'])
    expect(existsSync(join(dir, 'db/PG_VERSION'))).toBe(true)
    expect(existsSync(join(dir, '.gitignore'))).toBe(false)
    expect(existsSync(join(dir, '.dbskills'))).toBe(false)
    expect(await readFile(join(dir, 'db.pid'), 'utf8')).toBe('my notes, not a pid\n')
    expect(existsSync(join(dir, '.db.dbskills-sandbox.pid'))).toBe(false) // the lock is gone after the server stops
  })
})
