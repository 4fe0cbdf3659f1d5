// Error paths through the built CLI: with --json every failure prints exactly one JSON document on stdout (parse
// errors of subcommands included), and inputs that used to end in "internal error" with a stack get a clear message.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbskills } from '../helpers/cli.js'

let dir: string
let home: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dbskills-errors-'))
  home = await mkdtemp(join(tmpdir(), 'dbskills-home-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(home, { recursive: true, force: true })
})
const run = (args: string[]) => dbskills(args, { cwd: dir, env: { HOME: home, USERPROFILE: home } })

describe('--json: one JSON document on stdout for every error', () => {
  it.each([
    [['add', 'dsql', '--bogus', '--json'], 2, /unknown option '--bogus'/],
    [['add', 'dsql', '--runtime', 'nope', '--json'], 2, /Allowed choices/],
    [['remove', '--json'], 2, /missing required argument/],
    [['bogus', '--json'], 2, /unknown command/],
    [['update', '--bogus', '--json'], 2, /unknown option/],
    [['mcp', 'aurora-dsql', '--client', 'kiro', '--profile', 'x=AKIAIOSFODNN7EXAMPLE', '--json'], 2, /looks like an AWS access key id/],
  ])('%j exits %i', (args, code, message) => {
    const r = run(args)
    expect(r.code).toBe(code)
    const doc = JSON.parse(r.stdout) as { error: { message: string } }
    expect(doc.error.message).toMatch(message)
    expect(r.stdout + r.stderr).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })

  it('a commander error that quotes a secret-shaped value redacts it', () => {
    const r = run(['add', 'dsql', '--runtime', 'AKIAIOSFODNN7EXAMPLE', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toContain("argument '***'")
    expect(r.stdout + r.stderr).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })
})

describe('inputs that used to crash', () => {
  it('validate on a skill with [x](100%.md) reports, with no internal error', async () => {
    const skill = join(dir, 'pct')
    await mkdir(skill, { recursive: true })
    await writeFile(join(skill, 'SKILL.md'), '---\nname: pct\ndescription: Percent links. Use when testing.\nmetadata:\n  version: "1.0.0"\n  updated: "2026-12-02"\n---\n[x](100%.md)\n')
    let r = run(['validate', skill, '--json'])
    expect(r.stderr).not.toMatch(/internal error/)
    expect(r.code).toBe(1)
    expect(JSON.stringify(JSON.parse(r.stdout))).toMatch(/100%\.md/)
    await writeFile(join(skill, '100%.md'), 'x\n')
    r = run(['validate', skill, '--json'])
    expect(r.code).toBe(0)
  })

  it('a 5000-deep .mcp.json is a conflict naming the file, not a stack overflow; the file is untouched', async () => {
    const project = join(dir, 'deep')
    await mkdir(project, { recursive: true })
    const text = `{"mcpServers": {}, "x": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}\n`
    await writeFile(join(project, '.mcp.json'), text)
    const r = run(['add', 'dsql', '--agent', 'claude-code', '--yes', '--dir', project, '--json'])
    expect(r.stderr).not.toMatch(/internal error|Maximum call stack/)
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout) as Record<string, unknown>
    expect(JSON.stringify(doc)).toMatch(/\.mcp\.json/)
    expect(JSON.stringify(doc)).toMatch(/nested more than 256 levels deep/)
    expect(await readFile(join(project, '.mcp.json'), 'utf8')).toBe(text)
  })
})
