/**
 * Structure of skills/dynamodb: a short routing SKILL.md with spec front matter, every relative link
 * resolving inside the folder, every reference reachable from SKILL.md's load table, and fences whose info
 * strings are claims this package knows how to check.
 */
import { lstat, readdir, readFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { codeFences, isRelativeLink, links } from '../../src/knowledge/markdown.js'
import { validateSkillDir } from '../../src/knowledge/validate.js'

const SKILL = resolve(import.meta.dirname, '../../skills/dynamodb')

async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name))
}

describe('skills/dynamodb structure', () => {
  it('SKILL.md has spec front matter and stays under 500 lines', async () => {
    const text = await readFile(join(SKILL, 'SKILL.md'), 'utf8')
    expect(text.startsWith('---\n')).toBe(true)
    expect(text.split('\n').length).toBeLessThan(500)
    const { data } = matter(text, {})
    expect(Object.keys(data).every((k) => ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'].includes(k))).toBe(true)
    expect(data.name).toBe('dynamodb')
    expect(typeof data.description).toBe('string')
    expect(data.description.length).toBeGreaterThan(0)
    expect(data.description.length).toBeLessThanOrEqual(1024)
    expect(data.description).not.toMatch(/[<>]/)
    expect(data.description).toMatch(/Triggers: .+\.$/)
    expect(data.metadata).toMatchObject({ version: '1.1.0', updated: '2026-12-02' })
  })

  it('passes the package validator (front matter, links, symlinks, reserved names)', async () => {
    expect(await validateSkillDir(SKILL)).toEqual([])
  })

  it('every relative link in every file resolves to a file inside the skill', async () => {
    let count = 0
    for (const file of (await filesOf(SKILL)).filter((f) => f.endsWith('.md'))) {
      for (const link of await links(await readFile(file, 'utf8'))) {
        if (!isRelativeLink(link.url)) continue
        const target = resolve(dirname(file), decodeURIComponent(link.url.split('#')[0]!))
        const where = `${relative(SKILL, file)}:${link.line} -> ${link.url}`
        expect(relative(SKILL, target).startsWith('..'), where).toBe(false)
        expect(await lstat(target).then((s) => s.isFile(), () => false), where).toBe(true)
        count++
      }
    }
    expect(count).toBeGreaterThan(20)
  })

  it('the load table in SKILL.md routes to every reference, and references are one level deep', async () => {
    const text = await readFile(join(SKILL, 'SKILL.md'), 'utf8')
    const table = text.slice(text.indexOf('## When you are about to'))
    const routed = new Set((await links(table)).map((l) => l.url))
    const entries = await readdir(join(SKILL, 'references'), { withFileTypes: true })
    expect(entries.filter((e) => e.isDirectory())).toEqual([])
    for (const e of entries) expect(routed, e.name).toContain(`references/${e.name}`)
  })

  it('no placeholders, no symlinks, no metadata.json', async () => {
    for (const file of await filesOf(SKILL)) {
      expect((await lstat(file)).isSymbolicLink(), file).toBe(false)
      expect(file.endsWith('metadata.json'), file).toBe(false)
      expect(await readFile(file, 'utf8'), file).not.toMatch(/\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i)
    }
  })

  it('code fences only use info strings that a test or a reader can act on', async () => {
    // json fences are parsed by dynamodb-schema-examples.test.ts; sql is reserved for the dsql skill. Shared
    // references (copies listed in references/shared.json) are checked where they are written.
    const allowed = new Set(['json', 'bash', 'text'])
    const shared = Object.keys(JSON.parse(await readFile(resolve(SKILL, '../../references/shared.json'), 'utf8')) as object)
    const own = (await filesOf(SKILL)).filter((f) => f.endsWith('.md') && !(dirname(f).endsWith('references') && shared.includes(basename(f))))
    expect(own.length).toBeGreaterThan(10)
    for (const file of own) {
      for (const f of await codeFences(await readFile(file, 'utf8'))) expect(allowed, `${relative(SKILL, file)}:${f.line} ${f.lang}`).toContain(f.lang)
    }
  })
})
