/**
 * The promise, class by class (issue "A core that keeps its promise"): nothing of the user's is lost, nothing outside
 * the project is touched. Each test builds the situation on the real file system, runs the command in-process, and
 * checks the disk byte for byte. Interruptions and concurrent runs are in interrupt.slow.test.ts.
 */
import { chmod, lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAdd, type AddOptions } from '../../src/cli/commands/add.js'
import { runRemove } from '../../src/cli/commands/remove.js'
import { runUpdate } from '../../src/cli/commands/update.js'
import { UserError } from '../../src/core/errors.js'
import { captureIO, project } from '../helpers/project.js'
import { disk } from '../helpers/disk.js'

// A small skill named dsql: the real catalog gives it steering text and the aurora-dsql server.
const SKILL = `---\nname: dsql\ndescription: Test skill named dsql. Use in installer tests.\nmetadata:\n  version: "1.0.0"\n  updated: "2026-12-02"\n---\n# dsql\n\nSee [ref](references/a.md).\n`
async function pkg(): Promise<string> {
  return project({ 'package.json': '{"name":"fixture","version":"0.0.0"}', 'skills/dsql/SKILL.md': SKILL, 'skills/dsql/references/a.md': '# A\n' }, 'dbskills-pkg-')
}

async function setup(files: Record<string, string> = {}) {
  const dir = await project(files)
  const packageRoot = await pkg()
  const env = { packageRoot, home: dir }
  return {
    dir,
    add: (o: AddOptions = {}) => runAdd(['dsql'], { dir, yes: true, agent: ['claude-code'], ...o }, captureIO(), env),
    remove: (o: { force?: boolean; followOutsideLinks?: boolean } = {}) => runRemove(['dsql'], { dir, ...o }, captureIO(), env),
    update: (o: { force?: boolean } = {}) => runUpdate([], { dir, ...o }, captureIO(), env),
  }
}

const refused = async (p: Promise<number>, re: RegExp) => {
  const err = await p.then(() => undefined, (e: unknown) => e)
  expect(err, 'expected the command to refuse').toBeInstanceOf(UserError)
  expect((err as UserError).message).toMatch(re)
}

describe('1. a tampered or damaged record cannot make dbskills delete anything', () => {
  const cases: [string, (r: any) => void][] = [
    ['a location "."', (r) => { r.skills.dsql.locations[1] = { path: '.', type: 'symlink', target: 'x' } }],
    ['a location ""', (r) => { r.skills.dsql.locations[1] = { path: '', type: 'symlink', target: 'x' } }],
    ['a location ".git"', (r) => { r.skills.dsql.locations[1] = { path: '.git', type: 'copy', files: {} } }],
    ['a location "src"', (r) => { r.skills.dsql.locations[1] = { path: 'src', type: 'copy', files: {} } }],
    ['a location "a/.."', (r) => { r.skills.dsql.locations[1] = { path: 'a/..', type: 'symlink', target: 'x' } }],
    ['a file entry that climbs out', (r) => { r.skills.dsql.locations[0].files['../../../src/main.ts'] = r.skills.dsql.locations[0].files['SKILL.md'] }],
    ['a file entry "."', (r) => { r.skills.dsql.locations[0].files['.'] = r.skills.dsql.locations[0].files['SKILL.md'] }],
    ['a steering path of the user', (r) => { r.skills.dsql.steering.push({ path: 'src/main.ts', kind: 'file', hash: 'a'.repeat(64) }) }],
    ['a created dir "."', (r) => { r.createdDirs.push('.') }],
    ['a created dir "src"', (r) => { r.createdDirs.push('src') }],
    ['a created file of the user', (r) => { r.createdFiles.push('src/main.ts') }],
    ['locations: {}', (r) => { r.skills.dsql.locations = {} }],
    ['a skill that is not an object', (r) => { r.skills.dsql = 'x' }],
    ['an unknown version', (r) => { r.version = 9 }],
  ]
  it.each(cases)('%s: refused with the file named, and the project is untouched', async (_name, tamper) => {
    const s = await setup({ 'src/main.ts': 'main\n', '.git/HEAD': 'ref\n' })
    await s.add()
    const recPath = join(s.dir, '.agents/dbskills-lock.json')
    const rec = JSON.parse(await readFile(recPath, 'utf8'))
    tamper(rec)
    await writeFile(recPath, JSON.stringify(rec))
    const before = await disk(s.dir)
    await refused(s.remove({ force: true }), /dbskills-lock\.json is damaged or was edited by hand/)
    await refused(s.update({ force: true }), /dbskills-lock\.json/)
    expect(await disk(s.dir)).toEqual(before)
  })
})

describe('2. folders that are links out of the project are never written or deleted through', () => {
  it.each(['.claude', '.claude/skills', '.agents', '.agents/skills'])('%s -> outside: add and remove refuse; the outside folder is untouched', async (link) => {
    const s = await setup()
    const outside = await project({ 'keep.txt': 'theirs\n' }, 'dbskills-outside-')
    await mkdir(join(s.dir, link, '..'), { recursive: true })
    await symlink(outside, join(s.dir, link))
    const before = await disk(outside)
    await refused(s.add(), /outside the project; dbskills does not write through it/)
    expect(await disk(outside)).toEqual(before)
    expect(await s.add({ followOutsideLinks: true })).toBe(0)
  })

  it('a shared .agents (monorepo) replaced by a link after install: remove refuses and the other package keeps its files', async () => {
    const s = await setup()
    await s.add()
    const shared = await project({}, 'dbskills-shared-')
    execFileSync('cp', ['-a', `${join(s.dir, '.agents')}/.`, shared])
    execFileSync('rm', ['-rf', join(s.dir, '.agents')])
    await symlink(shared, join(s.dir, '.agents'))
    const before = await disk(shared)
    await refused(s.remove(), /outside the project/)
    expect(await disk(shared)).toEqual(before)
  })

  it.each([['.kiro/steering', 'kiro'], ['.cursor', 'cursor']])('%s -> outside, for %s: refused before any write', async (link, agent) => {
    const s = await setup()
    const outside = await project({}, 'dbskills-outside-')
    await mkdir(join(s.dir, link, '..'), { recursive: true })
    await symlink(outside, join(s.dir, link))
    const before = await disk(s.dir)
    await refused(s.add({ agent: [agent] }), /outside the project/)
    expect(await disk(s.dir)).toEqual(before)
    expect(await disk(outside)).toEqual({})
  })
})

describe('3. links the user made are never treated as ours', () => {
  it("the user's own .agents/skills/dsql link (to their folder) is not replaced; its differing files are a conflict", async () => {
    const s = await setup({ 'vendor/dsql/SKILL.md': 'their skill\n' })
    await mkdir(join(s.dir, '.agents/skills'), { recursive: true })
    await symlink('../../vendor/dsql', join(s.dir, '.agents/skills/dsql'))
    const before = await disk(s.dir)
    await refused(s.add(), /SKILL\.md already exists and was not written by dbskills/)
    expect(await disk(s.dir)).toEqual(before)
  })

  it('CLAUDE.md -> AGENTS.md stays a link: one block in AGENTS.md for both agents; remove gives the bytes back', async () => {
    const s = await setup({ 'AGENTS.md': '# Team rules\n' })
    await symlink('AGENTS.md', join(s.dir, 'CLAUDE.md'))
    const before = await disk(s.dir)
    expect(await s.add({ agent: ['claude-code', 'codex'] })).toBe(0)
    expect((await lstat(join(s.dir, 'CLAUDE.md'))).isSymbolicLink()).toBe(true)
    const text = await readFile(join(s.dir, 'AGENTS.md'), 'utf8')
    expect(text.match(/dbskills:begin dsql/g)).toHaveLength(1)
    expect(await s.add({ agent: ['claude-code', 'codex'] })).toBe(0)
    expect(await readFile(join(s.dir, 'AGENTS.md'), 'utf8')).toBe(text)
    expect(await s.remove()).toBe(0)
    expect(await disk(s.dir)).toEqual(before)
  })

  it('a .claude and a .kiro that link inside the project are written through; the record names .claude and .kiro, a re-run changes nothing, remove restores the disk', async () => {
    const s = await setup({ '.config/claude/settings.json': '{}\n', '.config/kiro/keep.txt': 'x\n' })
    await symlink('.config/claude', join(s.dir, '.claude'))
    await symlink('.config/kiro', join(s.dir, '.kiro'))
    const before = await disk(s.dir)
    expect(await s.add({ agent: ['claude-code', 'kiro'] })).toBe(0)
    const rec = JSON.parse(await readFile(join(s.dir, '.agents/dbskills-lock.json'), 'utf8'))
    expect(rec.createdDirs).toContain('.claude/skills')
    expect(rec.createdFiles).toContain('.kiro/settings/mcp.json')
    expect([...rec.createdDirs, ...rec.createdFiles].some((d: string) => d.startsWith('.config'))).toBe(false)
    const once = await disk(s.dir)
    expect(await s.add({ agent: ['claude-code', 'kiro'] })).toBe(0)
    expect(await disk(s.dir)).toEqual(once)
    expect(await s.remove()).toBe(0)
    expect(await disk(s.dir)).toEqual(before)
  })

  it.each(['.claude/skills/dsql', 'CLAUDE.md', '.mcp.json'])('a dangling link at %s is a conflict, not silently replaced', async (path) => {
    const s = await setup()
    await mkdir(join(s.dir, path, '..'), { recursive: true })
    await symlink('nowhere/at/all', join(s.dir, path))
    const before = await disk(s.dir)
    await refused(s.add(), /which does not exist|already exists and was not written/)
    expect(await disk(s.dir)).toEqual(before)
  })
})

describe('4. modes and permissions are kept', () => {
  it('a private .mcp.json stays 600 after add and after remove', async () => {
    const s = await setup({ '.mcp.json': '{\n  "mcpServers": {\n    "mine": { "command": "x", "env": { "TOKEN": "t" } }\n  }\n}\n' })
    await chmod(join(s.dir, '.mcp.json'), 0o600)
    await s.add()
    expect((await stat(join(s.dir, '.mcp.json'))).mode & 0o777).toBe(0o600)
    await s.remove()
    expect((await stat(join(s.dir, '.mcp.json'))).mode & 0o777).toBe(0o600)
  })

  it('a read-only CLAUDE.md is a conflict (even as root), and nothing is written', async () => {
    const s = await setup({ 'CLAUDE.md': '# mine\n' })
    await chmod(join(s.dir, 'CLAUDE.md'), 0o444)
    const before = await disk(s.dir)
    await refused(s.add(), /CLAUDE\.md is read-only/)
    expect(await disk(s.dir)).toEqual(before)
  })

  it('a read-only folder on the way is a conflict found before the first write', async () => {
    const s = await setup()
    await mkdir(join(s.dir, '.claude'))
    await chmod(join(s.dir, '.claude'), 0o555)
    const before = await disk(s.dir)
    await refused(s.add(), /the folder \.claude is read-only/)
    expect(await disk(s.dir)).toEqual(before)
  })

  it('an executable CLAUDE.md keeps its mode (0755) after its block is edited', async () => {
    const s = await setup({ 'CLAUDE.md': '# mine\n' })
    await chmod(join(s.dir, 'CLAUDE.md'), 0o755)
    await s.add()
    expect((await stat(join(s.dir, 'CLAUDE.md'))).mode & 0o777).toBe(0o755)
  })
})

describe('6. files that are not UTF-8 are refused with the byte offset, never re-encoded', () => {
  const latin1 = Buffer.from('# caf\xe9\n', 'latin1')
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{ }\n', 'utf16le')])
  it.each([
    ['CLAUDE.md', latin1, ['claude-code'], /CLAUDE\.md is not UTF-8 at byte 5/],
    ['AGENTS.md', latin1, ['codex'], /AGENTS\.md is not UTF-8 at byte 5/],
    ['.mcp.json', utf16, ['claude-code'], /\.mcp\.json is UTF-16/],
    ['.codex/config.toml', Buffer.from('# \xff\n', 'latin1'), ['codex'], /config\.toml is not UTF-8 at byte 2/],
  ] as const)('%s', async (path, bytes, agent, re) => {
    const s = await setup()
    await mkdir(join(s.dir, path, '..'), { recursive: true })
    await writeFile(join(s.dir, path), bytes)
    const before = await disk(s.dir)
    await refused(s.add({ agent: [...agent] }), re)
    expect(await disk(s.dir)).toEqual(before)
  })
})

describe('9. every obstacle is found before the first write', () => {
  it.each([
    ['a file where a folder is needed', async (d: string) => writeFile(join(d, '.claude'), 'x'), /\.claude is a file where a folder is needed/],
    ['a folder where a file is needed', async (d: string) => mkdir(join(d, 'CLAUDE.md')), /CLAUDE\.md is a folder where dbskills needs a file/],
    ['a dangling .claude', async (d: string) => symlink('gone', join(d, '.claude')), /\.claude is a link to gone, which does not exist/],
    ['a FIFO where .mcp.json goes', async (d: string) => { execFileSync('mkfifo', [join(d, '.mcp.json')]) }, /\.mcp\.json cannot be read \(not a regular file\)/],
  ] as const)('%s: one conflict, nothing written, no block left anywhere', async (_n, make, re) => {
    const s = await setup({ 'AGENTS.md': '# rules\n' })
    await make(s.dir)
    const before = await disk(s.dir)
    await refused(s.add({ agent: ['claude-code', 'codex', 'kiro', 'cursor'] }), re)
    expect(await disk(s.dir)).toEqual(before)
  })
})

describe('10. what the user deleted stays deleted on update; --force restores it', () => {
  it('a steering file, a managed block and an MCP entry', async () => {
    const s = await setup({ 'CLAUDE.md': '# mine\n' })
    await s.add({ agent: ['claude-code', 'kiro'] })
    const kiro = join(s.dir, '.kiro/steering/dbskills-dsql.md')
    execFileSync('rm', [kiro])
    await writeFile(join(s.dir, 'CLAUDE.md'), '# mine\n')
    await writeFile(join(s.dir, '.mcp.json'), '{\n  "mcpServers": {}\n}\n')
    const before = await disk(s.dir)
    expect(await s.update()).toBe(0)
    expect(await disk(s.dir)).toEqual(before)
    await s.update({ force: true })
    expect(await readFile(kiro, 'utf8')).toMatch(/inclusion: always/)
    expect(await readFile(join(s.dir, 'CLAUDE.md'), 'utf8')).toMatch(/dbskills:begin dsql/)
    expect(await readFile(join(s.dir, '.mcp.json'), 'utf8')).toMatch(/aurora-dsql/)
  })
})

describe('11. other tools\' files keep their format', () => {
  it('skills-lock.json with CRLF and 4-space indent keeps both; remove gives the bytes back', async () => {
    const lock = '{\r\n    "version": 1,\r\n    "skills": {\r\n        "other": {\r\n            "source": "acme/skills",\r\n            "sourceType": "github",\r\n            "computedHash": "abc"\r\n        }\r\n    }\r\n}\r\n'
    const s = await setup({ 'skills-lock.json': lock })
    await s.add()
    const text = await readFile(join(s.dir, 'skills-lock.json'), 'utf8')
    expect(text).toMatch(/\r\n {8}"dsql": \{/)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/)
    expect(JSON.parse(text).skills.dsql).toMatchObject({ source: 'dbskills', sourceType: 'local' })
    await s.remove()
    expect(await readFile(join(s.dir, 'skills-lock.json'), 'utf8')).toBe(lock)
  })

  it('a skills-lock.json version this dbskills does not know is a conflict', async () => {
    const s = await setup({ 'skills-lock.json': '{ "version": 2, "skills": {} }\n' })
    const before = await disk(s.dir)
    await refused(s.add(), /skills-lock\.json has version 2; this dbskills knows only version 1/)
    expect(await disk(s.dir)).toEqual(before)
  })
})

describe('12. odd input ends in a clear error, not a stack', () => {
  it('an unreadable record names the file', async () => {
    const s = await setup()
    await mkdir(join(s.dir, '.agents/dbskills-lock.json'), { recursive: true })
    await refused(s.add(), /dbskills-lock\.json cannot be read \(EISDIR\)/)
  })
})
