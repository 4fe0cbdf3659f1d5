import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runValidate } from '../../src/cli/commands/validate.js'
import { runAdd } from '../../src/cli/commands/add.js'
import { validateSkillDir } from '../../src/knowledge/validate.js'
import { UserError } from '../../src/core/errors.js'
import { captureIO, fixturePackage, project, tree, DEMO_SKILL } from '../helpers/project.js'

const skill = (front: string, body = '# x\n') => `---\n${front}\n---\n${body}`
const META = 'metadata:\n  version: "1.0.0"\n  updated: "2026-11-22"'

async function issuesFor(folder: string, files: Record<string, string>) {
  const root = await project(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${folder}/${k}`, v])))
  return (await validateSkillDir(join(root, folder))).map((i) => `${i.rule}@${i.line}: ${i.message}`)
}

describe('validate: the Agent Skills spec plus our versioning', () => {
  it.each([
    ['a valid skill', 'good', `name: good\ndescription: Does good things. Use when testing.\n${META}`, []],
    ['name != folder', 'good', `name: other\ndescription: d\n${META}`, ['name@2']],
    ['uppercase name', 'Bad', `name: Bad\ndescription: d\n${META}`, ['name@2']],
    ['double hyphen', 'a--b', `name: a--b\ndescription: d\n${META}`, ['name@2']],
    ['65-char name', 'a'.repeat(65), `name: ${'a'.repeat(65)}\ndescription: d\n${META}`, ['name@2']],
    ['missing description', 'good', `name: good\n${META}`, ['description@1']],
    ['description with <', 'good', `name: good\ndescription: use <b>\n${META}`, ['description@3']],
    ['1025-char description', 'good', `name: good\ndescription: ${'x'.repeat(1025)}\n${META}`, ['description@3']],
    ['unknown top-level key', 'good', `name: good\ndescription: d\nversion: 1\n${META}`, ['frontmatter-key@4']],
    ['no metadata.version', 'good', 'name: good\ndescription: d\nmetadata:\n  updated: "2026-11-22"', ['version@4']],
    ['non-semver version', 'good', 'name: good\ndescription: d\nmetadata:\n  version: "1.0"\n  updated: "2026-11-22"', ['version@4']],
    ['unquoted date', 'good', 'name: good\ndescription: d\nmetadata:\n  version: "1.0.0"\n  updated: 2026-11-22', ['metadata@4', 'updated@4']],
  ])('%s', async (_label, folder, front, want) => {
    const got = await issuesFor(folder, { 'SKILL.md': skill(front) })
    expect(got.map((g) => g.split(':')[0])).toEqual(want)
  })

  it('checks a tools.json beside SKILL.md, and accepts a valid one', async () => {
    const md = skill(`name: good\ndescription: d\n${META}`)
    const tools = (v: string) => JSON.stringify({ server: 's', package: 'p', version: v, checked: '2026-12-02', tools: [{ name: 't', params: ['a'], required: ['a'] }] })
    expect(await issuesFor('good', { 'SKILL.md': md, 'tools.json': tools('1.0.0') })).toEqual([])
    expect(await issuesFor('good', { 'SKILL.md': md, 'tools.json': tools('latest') })).toEqual(['tools-json@1: "version" must be an exact x.y.z version, not "latest"'])
  })

  it('reports broken and escaping links with file and line', async () => {
    const got = await issuesFor('good', {
      'SKILL.md': skill(`name: good\ndescription: d\n${META}`, '# x\n\n[ok](references/a.md)\n\n[gone](references/missing.md)\n\n[out](../../etc/passwd)\n[web](https://example.com) [anchor](#x)\n'),
      'references/a.md': '[back](../SKILL.md#x)\n',
    })
    expect(got).toEqual([
      'link-broken@12: link "references/missing.md" does not resolve (no references/missing.md)',
      'link-escapes@14: link "../../etc/passwd" points outside the skill folder; a copied skill cannot reach it',
    ])
  })

  it('a link with a lone % ([x](100%.md)) is resolved as written, not an internal error', async () => {
    const body = '# x\n\n[ok](100%.md) [ok too](caf%C3%A9.md) [gone](50%.md) [bad utf-8](x%ff.md)\n'
    const got = await issuesFor('good', { 'SKILL.md': skill(`name: good\ndescription: d\n${META}`, body), '100%.md': 'x', 'café.md': 'x' })
    expect(got).toEqual([
      'link-broken@10: link "50%.md" does not resolve (no 50%.md)',
      'link-broken@10: link "x%ff.md" does not resolve (no x%ff.md)',
    ])
  })

  it('validate --json on a skill with [x](100%.md) prints one JSON document and exits 0', async () => {
    const root = await project({ 'good/SKILL.md': skill(`name: good\ndescription: d\n${META}`, '[x](100%.md)\n'), 'good/100%.md': 'x' })
    const io = captureIO(true)
    expect(await runValidate(join(root, 'good'), { json: true }, io)).toBe(0)
    expect(JSON.parse(io.stdout.join('')).skills[0].issues).toEqual([])
  })

  it('reports a symlink inside the skill', async () => {
    const root = await project({ 'good/SKILL.md': skill(`name: good\ndescription: d\n${META}`), 'elsewhere.md': 'x' })
    await symlink('../elsewhere.md', join(root, 'good', 'linked.md'))
    expect((await validateSkillDir(join(root, 'good'))).map((i) => i.rule)).toEqual(['symlink'])
  })

  it('the command prints file:line for every problem and exits 1; 0 when clean', async () => {
    const root = await project({ 'skills/good/SKILL.md': skill(`name: good\ndescription: d\n${META}`), 'skills/bad/SKILL.md': skill(`name: Bad\ndescription: d\n${META}`, '[x](nope.md)\n') })
    const io = captureIO()
    expect(await runValidate(root, {}, io, root)).toBe(1)
    expect(io.stdout.join('\n')).toMatch(/skills\/bad\/SKILL\.md:2: .*\[name\]/)
    expect(io.stdout.join('\n')).toMatch(/skills\/bad\/SKILL\.md:8: link "nope\.md" does not resolve/)
    expect(await runValidate(join(root, 'skills/good'), {}, captureIO(), root)).toBe(0)
    await expect(runValidate(join(root, 'empty-nothing'), {}, captureIO(), root)).rejects.toThrow(/No SKILL.md found/)
  })

  // The packaged skills themselves are validated in packaged-skills.content.test.ts (project `content`).
})

describe('add refuses a package skill that fails validation, writing nothing', () => {
  it.each([
    ['a bad name', { 'skills/demo/SKILL.md': DEMO_SKILL.replace('name: demo', 'name: Demo') }, /does not pass validation/],
    ['a link escaping the folder', { 'skills/demo/references/topic.md': '[x](../../../secret.md)\n' }, /points outside the skill folder/],
  ])('%s', async (_l, files, pattern) => {
    const pkg = await fixturePackage(files)
    const dir = await project()
    const err = await runAdd(['demo'], { dir, yes: true }, captureIO(), { packageRoot: pkg, isTTY: false }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect(`${(err as UserError).message}\n${(err as UserError).hint}`).toMatch(pattern)
    expect(await tree(dir)).toEqual([])
  })

  it('a symlink inside the skill', async () => {
    const pkg = await fixturePackage()
    await mkdir(join(pkg, 'skills/demo/more'), { recursive: true })
    await writeFile(join(pkg, 'outside.md'), 'x')
    await symlink('../../../outside.md', join(pkg, 'skills/demo/more/linked.md'))
    const dir = await project()
    await expect(runAdd(['demo'], { dir, yes: true }, captureIO(), { packageRoot: pkg, isTTY: false })).rejects.toThrow(/does not pass validation/)
    expect(await tree(dir)).toEqual([])
  })
})

describe('metadata.version is semver 2.0.0', () => {
  it.each([
    ['1.0.0', true], ['0.1.2-rc.1', true], ['2.0.0+build.5', true], ['10.20.30-alpha.beta.1+x', true],
    ['1.0', false], ['01.0.0', false], ['1.0.0-', false], ['v1.0.0', false], ['1.0.0-01', false],
  ])('%s -> %s', async (version, ok) => {
    const got = await issuesFor('good', { 'SKILL.md': skill(`name: good\ndescription: d\nmetadata:\n  version: "${version}"\n  updated: "2026-11-22"`) })
    expect(got.some((g) => g.startsWith('version@'))).toBe(!ok)
  })
})
