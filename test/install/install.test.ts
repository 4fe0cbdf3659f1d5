import { mkdir, readFile, rm, symlink, writeFile, readlink, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAdd } from '../../src/cli/commands/add.js'
import { runList } from '../../src/cli/commands/list.js'
import { runRemove } from '../../src/cli/commands/remove.js'
import { runUpdate } from '../../src/cli/commands/update.js'
import { UserError } from '../../src/core/errors.js'
import { captureIO, fixturePackage, isLink, project, read, tree, DEMO_SKILL } from '../helpers/project.js'

async function setup(files: Record<string, string> = {}) {
  const dir = await project(files)
  const pkg = await fixturePackage()
  const env = { packageRoot: pkg, isTTY: false, home: await project({}, 'dbskills-home-') }
  // The skills layer only: steering and MCP config are layers.test.ts's subject.
  const add = (opts: Parameters<typeof runAdd>[1] = {}, names = ['demo']) => runAdd(names, { dir, yes: true, steering: false, ...opts }, captureIO(), env)
  const remove = (opts: Parameters<typeof runRemove>[1] = {}) => runRemove(['demo'], { dir, ...opts }, captureIO(), env)
  const update = (opts: Parameters<typeof runUpdate>[1] = {}) => runUpdate([], { dir, ...opts }, captureIO(), env)
  const list = async () => { const io = captureIO(true); await runList({ dir, json: true }, io, env); return JSON.parse(io.stdout.join('')) }
  return { dir, pkg, env, add, remove, update, list }
}

const AGENTS3 = { agent: ['kiro,claude-code', 'cursor'] }

describe('add: the install layout', () => {
  it('auto: canonical real files, Kiro a real copy, Claude Code and Cursor relative links', async () => {
    const { dir, add } = await setup()
    expect(await add(AGENTS3)).toBe(0)
    expect(await tree(dir)).toEqual([
      'd .agents', 'd .agents/skills', 'd .agents/skills/demo', 'd .agents/skills/demo/references',
      'd .claude', 'd .claude/skills', 'd .cursor', 'd .cursor/skills', 'd .kiro', 'd .kiro/skills', 'd .kiro/skills/demo',
      'd .kiro/skills/demo/references',
      'f .agents/dbskills-lock.json', 'f .agents/skills/demo/SKILL.md', 'f .agents/skills/demo/references/topic.md',
      'f .kiro/skills/demo/SKILL.md', 'f .kiro/skills/demo/references/topic.md', 'f skills-lock.json',
      'l .claude/skills/demo -> ../../.agents/skills/demo', 'l .cursor/skills/demo -> ../../.agents/skills/demo',
    ])
    expect(await read(join(dir, '.claude/skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
    const lock = JSON.parse(await read(join(dir, 'skills-lock.json')))
    expect(lock).toMatchObject({ version: 1, skills: { demo: { source: 'dbskills', sourceType: 'local', computedHash: expect.stringMatching(/^[0-9a-f]{64}$/) } } })
  })

  it('--link symlink links every agent dir, Kiro included', async () => {
    const { dir, add } = await setup()
    await add({ ...AGENTS3, link: 'symlink' })
    expect(await isLink(join(dir, '.kiro/skills/demo'))).toBe(true)
    expect(await readlink(join(dir, '.kiro/skills/demo'))).toBe('../../.agents/skills/demo')
  })

  it('--link copy copies everywhere', async () => {
    const { dir, add } = await setup()
    await add({ ...AGENTS3, link: 'copy' })
    for (const a of ['.kiro', '.claude', '.cursor']) {
      expect(await isLink(join(dir, a, 'skills/demo'))).toBe(false)
      expect(await read(join(dir, a, 'skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
    }
  })

  it('agents reading the canonical dir (codex, copilot, gemini) get nothing of their own', async () => {
    const { dir, add } = await setup()
    await add({ agent: ['codex,copilot,gemini-cli'] })
    expect((await tree(dir)).filter((l) => !l.includes('.agents'))).toEqual(['f skills-lock.json'])
  })

  it('defaults to the agents whose folders exist, else kiro + claude-code + cursor', async () => {
    const a = await setup({ '.cursor/rules/x.mdc': 'x' })
    await a.add()
    expect(await isLink(join(a.dir, '.cursor/skills/demo'))).toBe(true)
    expect(await isLink(join(a.dir, '.claude/skills/demo'))).toBe(false)
    const b = await setup()
    await b.add()
    expect((await b.list()).installed.map((i: { agent: string }) => i.agent)).toEqual(['claude-code', 'cursor', 'kiro'])
  })

  it('a second identical add changes nothing and says so', async () => {
    const { dir, env } = await setup()
    await runAdd(['demo'], { dir, yes: true }, captureIO(), env)
    const before = await tree(dir)
    const stamp = await readFile(join(dir, '.agents/dbskills-lock.json'))
    const io = captureIO()
    expect(await runAdd(['demo'], { dir, yes: true }, io, env)).toBe(0)
    expect(io.stdout.join('\n')).toMatch(/Nothing to do/)
    expect(await tree(dir)).toEqual(before)
    expect(await readFile(join(dir, '.agents/dbskills-lock.json'))).toEqual(stamp)
  })

  it('--dry-run --json emits the plan and writes nothing', async () => {
    const { dir, env } = await setup()
    const io = captureIO(true)
    expect(await runAdd(['demo'], { dir, yes: true, dryRun: true, json: true, ...AGENTS3 }, io, env)).toBe(0)
    const plan = JSON.parse(io.stdout.join(''))
    expect(plan.dryRun).toBe(true)
    expect(plan.ops.filter((o: { kind: string }) => o.kind === 'symlink').map((o: { path: string }) => o.path)).toEqual(['.claude/skills/demo', '.cursor/skills/demo'])
    expect(await tree(dir)).toEqual([])
  })

  it('add is additive: a later add for another agent keeps the first', async () => {
    const { dir, add, list } = await setup()
    await add({ agent: ['kiro'] })
    await add({ agent: ['claude-code'] })
    expect(await isLink(join(dir, '.claude/skills/demo'))).toBe(true)
    expect((await list()).installed.map((i: { agent: string; status: string }) => `${i.agent}:${i.status}`)).toEqual(['claude-code:ok', 'kiro:ok'])
  })
})

describe('ownership', () => {
  it("a user's own folder in the way is a conflict: exit 1, nothing written; --force replaces it", async () => {
    const { dir, add } = await setup({ '.claude/skills/demo/SKILL.md': 'my own skill\n' })
    const before = await tree(dir)
    const err = await add(AGENTS3).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UserError)
    expect((err as UserError).exitCode).toBe(1)
    expect((err as UserError).message).toMatch(/\.claude\/skills\/demo \(a folder\) already exists and was not written by dbskills/)
    expect((err as UserError).message).toMatch(/--force/)
    expect(await tree(dir)).toEqual(before)
    expect(await add({ ...AGENTS3, force: true })).toBe(0)
    expect(await isLink(join(dir, '.claude/skills/demo'))).toBe(true)
  })

  it('adopts a folder that already holds exactly this skill (e.g. from npx skills add --copy)', async () => {
    const { dir, add } = await setup({ '.kiro/skills/demo/SKILL.md': DEMO_SKILL, '.kiro/skills/demo/references/topic.md': '# Topic\n\nBody.\n' })
    expect(await add(AGENTS3)).toBe(0)
  })

  it('remove keeps a file the user edited and reports it; --force deletes it', async () => {
    const a = await setup({ 'README.md': 'mine\n' })
    await a.add(AGENTS3)
    await writeFile(join(a.dir, '.kiro/skills/demo/SKILL.md'), 'edited by me\n')
    expect((await a.list()).installed.find((i: { agent: string }) => i.agent === 'kiro').status).toBe('modified')
    await a.remove()
    expect(await tree(a.dir)).toEqual(['d .kiro', 'd .kiro/skills', 'd .kiro/skills/demo', 'f .kiro/skills/demo/SKILL.md', 'f README.md'])
    expect(await read(join(a.dir, '.kiro/skills/demo/SKILL.md'))).toBe('edited by me\n')

    const b = await setup({ 'README.md': 'mine\n' })
    await b.add(AGENTS3)
    await writeFile(join(b.dir, '.kiro/skills/demo/SKILL.md'), 'edited by me\n')
    await b.remove({ force: true })
    expect(await tree(b.dir)).toEqual(['f README.md'])
  })

  it('remove leaves the project exactly as before, keeping files the user added next to ours', async () => {
    const { dir, add, remove } = await setup({ '.claude/settings.json': '{}\n', 'skills-lock.json': '{\n  "version": 1,\n  "skills": {}\n}\n' })
    const before = await tree(dir)
    await add(AGENTS3)
    await writeFile(join(dir, '.agents/skills/demo/notes.md'), 'my notes\n')
    await remove()
    expect(await tree(dir)).toEqual([...before, 'd .agents', 'd .agents/skills', 'd .agents/skills/demo', 'f .agents/skills/demo/notes.md'].sort())
    expect(JSON.parse(await read(join(dir, 'skills-lock.json')))).toEqual({ version: 1, skills: {} })
  })

  it('update keeps a user-edited file and reports it; --force replaces it', async () => {
    const { dir, add, update } = await setup()
    await add(AGENTS3)
    await writeFile(join(dir, '.kiro/skills/demo/SKILL.md'), 'edited\n')
    const io = captureIO(true)
    expect(await runUpdate([], { dir, json: true, dryRun: true }, io, { packageRoot: (await setup()).pkg })).toBe(0)
    expect(JSON.parse(io.stdout.join('')).ops.filter((o: { kind: string }) => o.kind === 'keep').map((o: { path: string }) => o.path)).toEqual(['.kiro/skills/demo/SKILL.md'])
    expect(await update()).toBe(0)
    expect(await read(join(dir, '.kiro/skills/demo/SKILL.md'))).toBe('edited\n')
    await update({ force: true })
    expect(await read(join(dir, '.kiro/skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
  })

  it('a dangling link put where ours was is the user\'s: update keeps it, --force repairs it', async () => {
    const { dir, add, update, list } = await setup()
    await add(AGENTS3)
    await rm(join(dir, '.claude/skills/demo'))
    await symlink('../../nowhere/demo', join(dir, '.claude/skills/demo'))
    expect((await list()).installed.find((i: { agent: string }) => i.agent === 'claude-code').status).toBe('missing')
    await update()
    expect(await readlink(join(dir, '.claude/skills/demo'))).toBe('../../nowhere/demo')
    await update({ force: true })
    expect(await realpath(join(dir, '.claude/skills/demo'))).toBe(await realpath(join(dir, '.agents/skills/demo')))
    expect((await list()).installed.every((i: { status: string }) => i.status === 'ok')).toBe(true)
  })

  it('update brings a new packaged version to every copy, Kiro included', async () => {
    const { dir, pkg, add, update, list } = await setup()
    await add(AGENTS3)
    await writeFile(join(pkg, 'skills/demo/SKILL.md'), DEMO_SKILL.replace('"1.0.0"', '"1.1.0"').replace('# Demo', '# Demo v2'))
    await writeFile(join(pkg, 'skills/demo/references/new.md'), 'new\n')
    expect((await list()).installed.map((i: { status: string }) => i.status)).toEqual(['outdated', 'outdated', 'outdated'])
    await update()
    expect(await read(join(dir, '.kiro/skills/demo/SKILL.md'))).toContain('# Demo v2')
    expect(await read(join(dir, '.kiro/skills/demo/references/new.md'))).toBe('new\n')
    expect((await list()).installed.map((i: { status: string }) => i.status)).toEqual(['ok', 'ok', 'ok'])
  })

  it('CRLF: a checkout that turned our files into CRLF is not a user edit', async () => {
    const { dir, add, list } = await setup()
    await add(AGENTS3)
    const f = join(dir, '.kiro/skills/demo/SKILL.md')
    await writeFile(f, (await read(f)).replace(/\n/g, '\r\n'))
    expect((await list()).installed.every((i: { status: string }) => i.status === 'ok')).toBe(true)
    const io = captureIO()
    await runAdd(['demo'], { dir, yes: true, steering: false, ...AGENTS3 }, io, { packageRoot: (await setup()).pkg })
    expect(io.stdout.join('\n')).toMatch(/Nothing to do/)
    expect(await read(f)).toContain('\r\n')
  })
})

describe('paths and scopes', () => {
  it('works in a project path with spaces and non-ASCII characters', async () => {
    const parent = await project()
    const dir = join(parent, 'my prøject 数据')
    await mkdir(dir)
    const pkg = await fixturePackage()
    expect(await runAdd(['demo'], { dir, yes: true, ...AGENTS3 }, captureIO(), { packageRoot: pkg, isTTY: false })).toBe(0)
    expect(await read(join(dir, '.cursor/skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
    expect(await runRemove(['demo'], { dir }, captureIO(), { packageRoot: pkg })).toBe(0)
    expect(await tree(dir)).toEqual([])
  })

  it('--global installs under the injected home, never the project, and writes no skills-lock.json', async () => {
    const { dir, env } = await setup()
    expect(await runAdd(['demo'], { dir, yes: true, global: true, ...AGENTS3 }, captureIO(), env)).toBe(0)
    expect(await tree(dir)).toEqual([])
    const home = await tree(env.home)
    expect(home).toContain('l .claude/skills/demo -> ../../.agents/skills/demo')
    expect(home).toContain('f .kiro/skills/demo/SKILL.md')
    expect(home).not.toContain('f skills-lock.json')
    expect(await runRemove(['demo'], { dir, global: true }, captureIO(), env)).toBe(0)
    expect(await tree(env.home)).toEqual([])
  })
})

describe('tampered records and odd trees', () => {
  it('a record naming a path outside the project is refused, and nothing is deleted', async () => {
    const outside = await project({ 'victim.txt': 'keep me\n' })
    const { dir, add } = await setup()
    await add(AGENTS3)
    const recPath = join(dir, '.agents/dbskills-lock.json')
    const rec = JSON.parse(await read(recPath))
    rec.skills.demo.locations[1].path = join('..', '..', outside.split('/').slice(-2).join('/'))
    rec.createdFiles.push('../../etc/passwd')
    await writeFile(recPath, JSON.stringify(rec))
    await expect(runRemove(['demo'], { dir }, captureIO(), { packageRoot: (await setup()).pkg })).rejects.toThrow(/damaged or was edited by hand/)
    expect(await read(join(outside, 'victim.txt'))).toBe('keep me\n')
  })

  it('links resolve when the agent folder itself is a symlink (relative to its real parent)', async () => {
    const { dir, add } = await setup({ 'shared/claude/.keep': '' })
    await symlink('shared/claude', join(dir, '.claude'))
    await add(AGENTS3)
    expect(await realpath(join(dir, '.claude/skills/demo'))).toBe(await realpath(join(dir, '.agents/skills/demo')))
    expect(await read(join(dir, 'shared/claude/skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
  })
})
