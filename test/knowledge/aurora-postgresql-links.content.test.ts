// Structure of the aurora-postgresql skill: front matter, size, every relative link resolves, and the routing table
// in SKILL.md names every reference. Shared references (references/shared.json) are copies made by
// `node scripts/sync-references.mjs`; a link to one is fine while its source is still unwritten, but once the
// source exists the copy must be there.
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isRelativeLink, links } from '../../src/knowledge/markdown.js'
import { validateSkillDir } from '../../src/knowledge/validate.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SKILL_DIR = join(ROOT, 'skills/aurora-postgresql')

async function sharedForThisSkill(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'references/shared.json'), 'utf8')) as Record<string, string[]>
  return Object.entries(manifest).filter(([, skills]) => skills.includes('aurora-postgresql')).map(([file]) => file)
}

async function markdownFiles(): Promise<string[]> {
  const refs = (await readdir(join(SKILL_DIR, 'references'))).filter((f) => f.endsWith('.md'))
  return [join(SKILL_DIR, 'SKILL.md'), ...refs.map((f) => join(SKILL_DIR, 'references', f))]
}

describe('aurora-postgresql skill structure', () => {
  it('front matter follows the spec and our versioning; SKILL.md stays under 500 lines', async () => {
    const text = await readFile(join(SKILL_DIR, 'SKILL.md'), 'utf8')
    expect(text.split('\n').length).toBeLessThan(500)
    expect(text.startsWith('---\nname: aurora-postgresql\n')).toBe(true)
    expect(text).toMatch(/\nmetadata:\n {2}version: "1\.1\.0"\n {2}updated: "2026-12-02"\n/)
    const description = /^description: "(.*)"$/m.exec(text)?.[1] ?? ''
    expect(description.length).toBeGreaterThan(0)
    expect(description.length).toBeLessThanOrEqual(1024)
    expect(description).not.toMatch(/[<>]/)
    expect(description).toMatch(/Triggers: [^.]+, RDS Data API PostgreSQL\.$/)
    // Link problems are checked below with the shared-copy rule; everything else must be clean.
    const issues = (await validateSkillDir(SKILL_DIR)).filter((i) => i.rule !== 'link-broken')
    expect(issues.map((i) => `${relative(SKILL_DIR, i.file)}:${i.line} ${i.rule}: ${i.message}`)).toEqual([])
  })

  it('every relative link resolves inside the skill (shared copies: once their source exists)', async () => {
    const shared = await sharedForThisSkill()
    const broken: string[] = []
    for (const file of await markdownFiles()) {
      for (const link of await links(await readFile(file, 'utf8'))) {
        if (!isRelativeLink(link.url)) continue
        const target = resolve(dirname(file), decodeURIComponent(link.url.split('#')[0]!))
        const where = `${relative(SKILL_DIR, file)}:${link.line} -> ${link.url}`
        if (relative(SKILL_DIR, target).startsWith('..')) { broken.push(`${where} (outside the skill)`); continue }
        if (existsSync(target)) continue
        const name = relative(join(SKILL_DIR, 'references'), target)
        if (!shared.includes(name)) broken.push(`${where} (missing)`)
        else if (existsSync(join(ROOT, 'references', name))) broken.push(`${where} (run node scripts/sync-references.mjs)`)
      }
    }
    expect(broken).toEqual([])
  })

  it('the "when you are about to" table routes to every reference, own and shared', async () => {
    const text = await readFile(join(SKILL_DIR, 'SKILL.md'), 'utf8')
    const table = text.slice(text.indexOf('## When you are about to'))
    const routed = new Set((await links(table)).map((l) => l.url))
    const own = (await readdir(join(SKILL_DIR, 'references'))).filter((f) => f.endsWith('.md'))
    const wanted = [...new Set([...own, ...(await sharedForThisSkill())])].map((f) => `references/${f}`).sort()
    expect(wanted.filter((w) => !routed.has(w))).toEqual([])
    expect(own.length).toBeGreaterThanOrEqual(6)
  })

  it('every reference says when it was checked', async () => {
    const shared = await sharedForThisSkill()
    const own = (await readdir(join(SKILL_DIR, 'references'))).filter((f) => f.endsWith('.md') && !shared.includes(f))
    for (const f of own) {
      expect(await readFile(join(SKILL_DIR, 'references', f), 'utf8'), f).toMatch(/Checked 2026-\d\d-\d\d/)
    }
  })
})
