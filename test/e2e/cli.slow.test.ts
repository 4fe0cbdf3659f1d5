import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN, dbskills } from '../helpers/cli.js'
import { project, tree, isLink } from '../helpers/project.js'

// The built CLI, spawned as a user runs it (build first: npm test / npm run check do).
describe('dbskills (built CLI)', () => {
  it('--help lists the commands', () => {
    const r = dbskills(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['add', 'list', 'remove', 'update', 'validate']) expect(r.stdout).toContain(c)
  })

  it('add --dry-run --json prints one JSON document and writes nothing', async () => {
    const dir = await project()
    const r = dbskills(['add', 'dsql', '--agent', 'kiro,claude-code,cursor', '--dry-run', '--json', '--dir', dir])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan.command).toBe('add')
    expect(plan.ops.some((o: { path: string; kind: string; files?: string[] }) => o.kind === 'tree' && o.path === '.kiro/skills/dsql' && o.files?.includes('SKILL.md'))).toBe(true)
    expect(await tree(dir)).toEqual([])
  })

  it('installs, lists, re-runs as a no-op and removes cleanly', async () => {
    const dir = await project({ 'package.json': '{}\n' })
    let r = dbskills(['add', 'dsql', '--agent', 'kiro,claude-code,cursor', '--yes', '--dir', dir])
    expect(r.code, r.stderr).toBe(0)
    expect(await isLink(join(dir, '.claude/skills/dsql'))).toBe(true)
    expect(await isLink(join(dir, '.kiro/skills/dsql'))).toBe(false)
    r = dbskills(['list', '--json', '--dir', dir])
    expect(JSON.parse(r.stdout).installed.map((i: { agent: string; status: string }) => `${i.agent}:${i.status}`)).toEqual(['claude-code:ok', 'cursor:ok', 'kiro:ok'])
    r = dbskills(['add', 'dsql', '--agent', 'kiro,claude-code,cursor', '--yes', '--dir', dir])
    expect(r.stdout).toMatch(/Nothing to do/)
    r = dbskills(['remove', 'dsql', '--dir', dir])
    expect(r.code, r.stderr).toBe(0)
    expect(await tree(dir)).toEqual(['f package.json'])
  })

  it('a reader that closes the pipe early (| head) does not stop the install or print a stack', async () => {
    const dir = await project()
    const child = spawn(process.execPath, [BIN, 'add', 'dsql', '--agent', 'claude-code', '--yes', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy() // closed before the CLI has written anything: its first write meets EPIPE
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(await isLink(join(dir, '.claude/skills/dsql'))).toBe(true)
    expect(dbskills(['doctor', '--dir', dir]).code).toBe(0)
  })

  it('--global writes under HOME only', async () => {
    const dir = await project()
    const home = await project({}, 'dbskills-home-')
    const r = dbskills(['add', 'dsql', '--global', '--agent', 'claude-code', '--yes', '--dir', dir], { env: { HOME: home } })
    expect(r.code, r.stderr).toBe(0)
    expect(await tree(dir)).toEqual([])
    expect(await tree(home)).toContain('l .claude/skills/dsql -> ../../.agents/skills/dsql')
  })

  it.each([
    ['an unknown skill', ['add', 'nosuch', '--yes'], 2, /Unknown skill "nosuch"[\s\S]*Available skills: .*dsql/],
    ['an unknown agent', ['add', 'dsql', '--agent', 'kiro,vim', '--yes'], 2, /Unknown agent "vim"[\s\S]*kiro, claude-code, cursor, codex, copilot, gemini/],
    ['an unknown flag', ['add', 'dsql', '--frobnicate'], 2, /unknown option '--frobnicate'[\s\S]*dbskills --help/],
    ['a bad --link', ['add', 'dsql', '--link', 'hard'], 2, /--link.*hard/],
    ['no skill and no TTY', ['add', '--yes'], 2, /Name the skills to add, or use --all/],
    ['remove of a skill not installed', ['remove', 'dsql'], 1, /dsql is not installed/],
  ])('%s: exit %i, clear message, nothing written', async (_l, args, code, pattern) => {
    const dir = await project()
    const r = dbskills([...args, '--dir', dir])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(pattern)
    expect(await tree(dir)).toEqual([])
  })

  it('--dir that is missing or a file: exit 2', async () => {
    const dir = await project({ 'afile': 'x' })
    expect(dbskills(['add', 'dsql', '--yes', '--dir', join(dir, 'nope')]).code).toBe(2)
    const r = dbskills(['add', 'dsql', '--yes', '--dir', join(dir, 'afile')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/not a directory/)
  })

  it('errors under --json are one JSON document on stdout', async () => {
    const dir = await project()
    const r = dbskills(['add', 'nosuch', '--yes', '--json', '--dir', dir])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toMatch(/Unknown skill/)
  })

  it('a conflict exits 1, names the path and --force, writes nothing', async () => {
    const dir = await project({ '.claude/skills/dsql/SKILL.md': 'mine\n' })
    const r = dbskills(['add', 'dsql', '--agent', 'claude-code', '--yes', '--dir', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/\.claude\/skills\/dsql \(a folder\) already exists[\s\S]*--force/)
    expect(await tree(dir)).toEqual(['d .claude', 'd .claude/skills', 'd .claude/skills/dsql', 'f .claude/skills/dsql/SKILL.md'])
  })
})
