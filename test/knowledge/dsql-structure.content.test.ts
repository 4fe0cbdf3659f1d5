// The dsql skill as a package: it passes `dbskills validate` (front matter, links, no symlinks), SKILL.md stays a
// short router under 500 lines whose table sends the agent to every reference, and each reference is small.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { isRelativeLink, links } from '../../src/knowledge/markdown.js'
import { validateSkillDir } from '../../src/knowledge/validate.js'

const skillDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'skills', 'dsql')
const skillMd = readFileSync(join(skillDir, 'SKILL.md'), 'utf8')
const referenceFiles = readdirSync(join(skillDir, 'references')).filter((f) => f.endsWith('.md')).sort()

describe('dsql skill structure', () => {
  it('passes dbskills validate with no issues (front matter, every relative link resolves, no symlinks)', async () => {
    expect(await validateSkillDir(skillDir)).toEqual([])
  })

  it('keeps SKILL.md under 500 lines', () => {
    expect(skillMd.split('\n').length).toBeLessThan(500)
  })

  it('declares version 1.1.0, updated 2026-12-02, and a description free of angle brackets', () => {
    const { data } = matter(skillMd)
    expect(data.name).toBe('dsql')
    expect(data.metadata).toMatchObject({ version: '1.1.0', updated: '2026-12-02' })
    expect(String(data.description)).not.toMatch(/[<>]/)
    expect(String(data.description).length).toBeLessThanOrEqual(1024)
  })

  it('routes to every reference file from the "load" table', async () => {
    const table = skillMd.slice(skillMd.indexOf('## Before you act'))
    const routed = new Set(
      (await links(table)).map((l) => l.url).filter(isRelativeLink).map((u) => u.replace(/^references\//, '').split('#')[0]),
    )
    expect(referenceFiles.filter((f) => !routed.has(f))).toEqual([])
  })

  it('dates every never-break rule', () => {
    const rules = skillMd.slice(skillMd.indexOf('## Rules you must never break'), skillMd.indexOf('## What changed'))
    const items = rules.split('\n').filter((l) => /^\d+\. /.test(l))
    expect(items.length).toBeGreaterThanOrEqual(10)
    expect(items.filter((l) => !/Checked \d{4}-\d{2}-\d{2}/.test(l))).toEqual([])
  })

  it('keeps each reference small (under 250 lines)', () => {
    const long = referenceFiles
      .map((f) => [f, readFileSync(join(skillDir, 'references', f), 'utf8').split('\n').length] as const)
      .filter(([, n]) => n >= 250)
    expect(long).toEqual([])
  })
})
