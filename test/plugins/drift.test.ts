import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTree, compareTree, listFiles, OWNED_ROOT_FILES, PLUGINS_DIR, writeTree } from '../../src/plugins/bundle.js'
import { REPO } from '../helpers/cli.js'
import { project } from '../helpers/project.js'

// The plugin files are generated AND committed (a marketplace clones the repository with no build step). Two checks:
// the working tree against a fresh generation, and the git index against it: `npm run build` rewrites the working
// tree before the tests run, so only the index (== the commit in a clean CI clone) can show that the committed
// files are stale.
const FIX = 'run `npm run build`, then commit plugins/ and .claude-plugin/'

/** git's blob id of `content` (SHA-1 object format). */
const blobId = (content: string | Buffer) => {
  const buf = typeof content === 'string' ? Buffer.from(content) : content
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex')
}

describe('committed plugin tree', () => {
  it('equals what the generator writes into an empty folder', async () => {
    const tmp = await project({}, 'dbskills-plugins-drift-')
    const tree = buildTree(REPO)
    await writeTree(tree, tmp)
    expect(listFiles(join(tmp, PLUGINS_DIR)).length + OWNED_ROOT_FILES.length).toBe(tree.size)
    const { missing, changed, extra } = compareTree(tree, REPO)
    expect({ missing, changed, extra }, FIX).toEqual({ missing: [], changed: [], extra: [] })
    for (const rel of tree.keys()) expect(existsSync(join(tmp, rel))).toBe(true)
  })

  it('is what the git index holds (fails in CI even though the build ran first)', (ctx) => {
    if (!existsSync(join(REPO, '.git'))) ctx.skip(`${REPO} has no .git: the committed tree cannot be read here`)
    const r = spawnSync('git', ['-C', REPO, 'ls-files', '--stage', '-z', '--', PLUGINS_DIR, ...OWNED_ROOT_FILES], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const indexed = new Map<string, { mode: string; id: string }>()
    for (const line of r.stdout.split('\0').filter(Boolean)) {
      const [meta, path] = line.split('\t') as [string, string]
      const [mode, id] = meta.split(' ') as [string, string]
      indexed.set(path, { mode, id })
    }
    const problems: string[] = []
    for (const [rel, content] of buildTree(REPO)) {
      const entry = indexed.get(rel)
      if (!entry) problems.push(`not committed: ${rel}`)
      else if (entry.mode !== '100644') problems.push(`not a regular file in git (mode ${entry.mode}): ${rel}`)
      else if (entry.id.length === 40 && entry.id !== blobId(content)) problems.push(`stale in git: ${rel}`)
      indexed.delete(rel)
    }
    for (const rel of indexed.keys()) problems.push(`committed but no longer generated: ${rel}`)
    expect(problems, FIX).toEqual([])
  })
})
