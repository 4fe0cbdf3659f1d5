// Shape of the aurora-mysql skill: what `dbskills validate` checks (spec front matter, every relative link resolves
// inside the folder, no symlinks, no metadata.json), plus this skill's own promises: SKILL.md stays a short router
// (< 500 lines) whose "when you are about to …, load …" table reaches every reference, each never-break rule carries
// a date, and each reference of its own is small and says when it was checked.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isRelativeLink, links } from '../../src/knowledge/markdown.js'
import { readSkill } from '../../src/knowledge/load.js'
import { validateSkillDir } from '../../src/knowledge/validate.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'aurora-mysql')
const skillMd = readFileSync(join(skillDir, 'SKILL.md'), 'utf8')
const shared = JSON.parse(readFileSync(join(repoRoot, 'references', 'shared.json'), 'utf8')) as Record<string, string[]>
const sharedHere = Object.keys(shared).filter((f) => shared[f]!.includes('aurora-mysql'))
const ownReferences = readdirSync(join(skillDir, 'references')).filter((f) => f.endsWith('.md') && !sharedHere.includes(f))

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n${heading}`)
  if (start === -1) throw new Error(`no heading "${heading}"`)
  const next = md.indexOf('\n## ', start + heading.length + 1)
  return md.slice(start, next === -1 ? undefined : next)
}

describe('aurora-mysql skill: structure', () => {
  it('passes the same checks as `dbskills validate` (front matter, links, symlinks, reserved names)', async () => {
    const issues = await validateSkillDir(skillDir)
    expect(issues.map((i) => `${i.file.slice(repoRoot.length + 1)}:${i.line} ${i.rule}: ${i.message}`)).toEqual([])
  })

  it('has the front matter this release promises', async () => {
    const { skill } = await readSkill(skillDir)
    expect(skill?.name).toBe('aurora-mysql')
    expect(skill?.version).toBe('1.1.0')
    expect(skill?.updated).toBe('2026-12-02')
    // Ends with the phrases that should trigger it, and names the legacy flags users paste.
    expect(skill?.description).toMatch(/Use when [^.]+\.$/)
    for (const phrase of ['Aurora MySQL', 'RDS Data API', 'mysql-mcp-server', '--resource_arn', '--secret_arn', '--readonly'])
      expect(skill?.description).toContain(phrase)
  })

  it('keeps SKILL.md a short router', () => {
    expect(skillMd.split('\n').length).toBeLessThan(500)
    expect(skillMd).not.toMatch(/\b(TODO|TBD|FIXME|lorem ipsum)\b/i)
  })

  it('routes to every reference from the "when you are about to …, load …" table', async () => {
    const table = section(skillMd, '## When you are about to')
    const targets = new Set((await links(table)).map((l) => l.url).filter(isRelativeLink))
    const expected = [...ownReferences, ...sharedHere].map((f) => `references/${f}`)
    expect(ownReferences.length).toBeGreaterThanOrEqual(8)
    expect([...expected].filter((t) => !targets.has(t))).toEqual([])
    expect([...targets].filter((t) => !expected.includes(t))).toEqual([])
  })

  it('dates every rule an agent must never break', () => {
    const rules = section(skillMd, '## Rules an agent must never break').split(/\n(?=\d+\. )/).slice(1)
    expect(rules.length).toBeGreaterThanOrEqual(6)
    const undated = rules.filter((r) => !/\b20\d\d-\d\d-\d\d\b|\(always\)/.test(r)).map((r) => r.slice(0, 60))
    expect(undated).toEqual([])
  })

  it.each(ownReferences)('references/%s is small, dated and says how to verify', (file) => {
    const text = readFileSync(join(skillDir, 'references', file), 'utf8')
    expect(text.split('\n').length).toBeLessThan(250)
    expect(text.split('\n').slice(0, 8).join('\n')).toMatch(/Checked 20\d\d-\d\d-\d\d/)
    expect(text).not.toMatch(/\b(TODO|TBD|FIXME)\b/)
  })
})
