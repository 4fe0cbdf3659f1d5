// The build-time catalog holds the real loader's answers, so the CLI gets one answer per input: with or without
// the catalog, readSkill/loadCatalog agree; a skill the loader rejects (an unquoted date, say) fails the build
// instead of being cached as valid; a catalog entry for other bytes is never used.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILD_CACHE, buildCache, InvalidPackagedSkills, readBuildCache } from '../../src/knowledge/build-cache.js'
import { loadCatalog, readSkill } from '../../src/knowledge/load.js'
import { DEMO_SKILL, fixturePackage } from '../helpers/project.js'

const UNQUOTED_DATE = DEMO_SKILL.replace('updated: "2026-11-22"', 'updated: 2026-11-22')

async function writeCache(root: string, cache: unknown): Promise<void> {
  await mkdir(join(root, 'dist'), { recursive: true })
  await writeFile(join(root, BUILD_CACHE), JSON.stringify(cache))
}

describe('build cache = the loader, run at build time', () => {
  it('stores the loader answer for each valid skill, and the CLI reads it back unchanged', async () => {
    const root = await fixturePackage({ 'skills/other/SKILL.md': DEMO_SKILL.replace('name: demo', 'name: other') })
    const cache = await buildCache(root)
    expect(Object.keys(cache.skills)).toEqual(['demo', 'other'])
    expect(Object.keys(cache.folderHashes)).toHaveLength(2)
    await writeCache(root, cache)
    expect(readBuildCache(root)).toEqual(cache) // read once per process, as the CLI does
    const fromCache = await loadCatalog(root)
    const fromLoader = await Promise.all(['demo', 'other'].map((n) => readSkill(join(root, 'skills', n)))) // no packageRoot: no cache
    expect(fromCache.skills).toEqual(fromLoader.map((p) => p.skill))
    expect(fromCache.skills.map((s) => s.version)).toEqual(['1.0.0', '1.0.0'])
  })

  it('an unquoted date fails the build (the old cache turned the Date into a string and called it valid)', async () => {
    const root = await fixturePackage({ 'skills/demo/SKILL.md': UNQUOTED_DATE })
    const err = await buildCache(root).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidPackagedSkills)
    expect((err as InvalidPackagedSkills).issues.map((i) => i.rule)).toEqual(['metadata', 'updated'])
    expect((await readSkill(join(root, 'skills', 'demo'), root)).issues.map((i) => i.rule)).toEqual(['metadata', 'updated'])
  })

  it('is really used for the same bytes (add skips the YAML parser): a marked entry comes back', async () => {
    const root = await fixturePackage()
    const cache = await buildCache(root)
    cache.skills.demo!.description = 'from the build cache'
    await writeCache(root, cache)
    expect((await loadCatalog(root)).skills[0]!.description).toBe('from the build cache')
  })

  it('an entry recorded for other bytes is ignored: the loader answers for the file as it is now', async () => {
    const root = await fixturePackage()
    const cache = await buildCache(root)
    await writeCache(root, cache)
    await writeFile(join(root, 'skills', 'demo', 'SKILL.md'), UNQUOTED_DATE)
    const got = await readSkill(join(root, 'skills', 'demo'), root)
    expect(got.skill).toBeUndefined()
    expect(got.issues.map((i) => i.rule)).toEqual(['metadata', 'updated'])
  })

  it('a damaged cache file is treated as absent', async () => {
    const root = await fixturePackage()
    await writeCache(root, { frontmatter: {} })
    expect(readBuildCache(root)).toEqual({ skills: {}, folderHashes: {}, fileHashes: {} })
    expect((await loadCatalog(root)).skills.map((s) => s.name)).toEqual(['demo'])
  })
})

describe('the packaged skills', () => {
  it('each gives the same answer from the loader and from a fresh build cache', async () => {
    const root = join(import.meta.dirname, '..', '..')
    const cache = await buildCache(root)
    const catalog = await loadCatalog(root)
    for (const skill of catalog.skills) {
      const direct = await readSkill(skill.dir)
      expect(direct).toEqual({ skill, issues: [] })
      expect(cache.skills[skill.name]).toMatchObject({ name: skill.name, version: skill.version, updated: skill.updated, description: skill.description })
    }
    expect(catalog.invalid.size).toBe(0)
  })
})
