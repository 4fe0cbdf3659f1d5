// Every MCP server flag a skill shows must exist in the version dbskills pins, unless the text marks it as a flag
// of a later release ([later: X.Y.Z], a heading with that marker, or a fence with later=X.Y.Z). The fixture cases
// prove the check fails where it must; the last block runs it over every skill and shared reference.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVERS, flagAvailability, hasFlag, serverByKey, serverForSkill } from '../../src/mcp/catalog.js'
import { checkFlagMentions } from '../../src/mcp/flag-mentions.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const pg = serverByKey('aurora-postgresql')!
const dsql = serverByKey('aurora-dsql')!
const mysql = serverByKey('aurora-mysql')!

describe('catalog flag history', () => {
  it.each([
    // server, version, flag, has it
    [pg, '1.1.11', '--secret_arn', true],
    [pg, '1.1.5', '--secret_arn', false], // dropped by the 1.0.10 rewrite, back in 1.1.6
    [pg, '1.0.9', '--secret_arn', true], // the legacy flag of the same name
    [pg, '1.1.11', '--privilege_check', false],
    [pg, '1.2.0', '--privilege_check', true],
    [pg, '1.1.11', '--readonly', false],
    [pg, '1.0.9', '--readonly', true],
    [pg, '1.0.9', '--connection_method', false],
    [pg, '1.0.10', '--connection_method', true],
    [dsql, '1.0.8', '--knowledge-server', false],
    [dsql, '1.0.39', '--knowledge-server', true],
    [mysql, '1.0.20', '--ca_bundle', false],
    [mysql, '1.0.26', '--ca_bundle', true],
    [mysql, '1.0.26', '--secret_arn', false],
    [mysql, '1.0.26', '--made_up', false],
  ] as const)('%#: %s', (server, version, flag, want) => {
    expect(hasFlag(server, version, flag)).toBe(want)
  })

  it('every pinned flag has a since at or before the pin; later flags come after it, with evidence', () => {
    for (const s of SERVERS) {
      for (const f of s.flags) expect(flagAvailability(s, s.version, f.name).kind, `${s.key} ${f.name}`).toBe('present')
      for (const f of s.laterFlags) {
        expect(hasFlag(s, s.version, f.name), `${s.key} ${f.name}`).toBe(false)
        expect(f.evidence.length).toBeGreaterThan(10)
      }
      for (const f of s.removedFlags) expect(hasFlag(s, f.until, f.name), `${s.key} ${f.name}`).toBe(true)
    }
  })
})

describe('checkFlagMentions on fixture text (the check can fail)', () => {
  const one = [pg]
  it.each([
    // text, flags reported
    ['uvx awslabs.postgres-mcp-server@1.1.11 --privilege_check enforce', ['--privilege_check']],
    ['Add `--privilege_check enforce` [later: 1.2.0] on a newer release.', []],
    ['`--privilege_check` [later: 1.1.11] is wrong: the pin is not older', ['--privilege_check']],
    ['`--privilege_check` [later: 1.1.20] names a release before the flag', ['--privilege_check']],
    ['```bash later=1.2.0\nuvx awslabs.postgres-mcp-server@1.2.0 --privilege_check enforce\n```', []],
    ['```bash\nuvx x --privilege_check enforce\n```', ['--privilege_check']],
    ['## Newer servers [later: 1.2.0]\n\n`--privilege_check enforce`\n\n## Back to 1.1.11\n\n`--privilege_check`', ['--privilege_check']],
    ['`--made_up_flag` is not a flag at all', ['--made_up_flag']],
    ['`--made_up_flag` [later: 1.2.0] is not catalogued as later', ['--made_up_flag']],
    ['old configs used `--readonly True` and `--resource_arn`', []],
    ['`--db_type APG --db_cluster_arn "$ARN" --allow_write_query`', []],
    ['aws rds describe-db-clusters --db-cluster-identifier x --profile p', []],
    ['`"--privilege_check", "enforce"` in a JSON args list', ['--privilege_check']],
  ] as const)('%#', (text, flags) => {
    expect(checkFlagMentions(text, one).map((p) => p.flag)).toEqual(flags)
  })

  it('reports the line and a message that says what to do', () => {
    const [p] = checkFlagMentions('intro\n\nuvx awslabs.postgres-mcp-server@1.1.11 --privilege_check enforce', [pg])
    expect(p).toMatchObject({ line: 3, flag: '--privilege_check' })
    expect(p!.message).toContain('awslabs.postgres-mcp-server 1.1.11')
    expect(p!.message).toContain('[later: <version>]')
  })

  it('judges a shared text against every server: a DSQL flag passes, a flag no pin has fails', () => {
    expect(checkFlagMentions('`--allow-writes` and `--allow_write_query`', SERVERS)).toEqual([])
    expect(checkFlagMentions('`--privilege_check enforce`', SERVERS).map((p) => p.flag)).toEqual(['--privilege_check'])
  })
})

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => join(dir, e.name))
}

describe('the shipped skills show only flags of their pinned server', () => {
  const shared = new Set(Object.keys(JSON.parse(readFileSync(join(root, 'references', 'shared.json'), 'utf8')) as Record<string, string[]>))
  const skills = readdirSync(join(root, 'skills'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)
  const cases: [string, string, typeof SERVERS][] = []
  for (const f of markdownFiles(join(root, 'references'))) cases.push([f.slice(root.length), f, SERVERS])
  for (const skill of skills) {
    const server = serverForSkill(skill)
    const own = server ? [server] : SERVERS
    cases.push([`skills/${skill}/SKILL.md`, join(root, 'skills', skill, 'SKILL.md'), own])
    for (const f of markdownFiles(join(root, 'skills', skill, 'references'))) {
      const name = f.slice(f.lastIndexOf('/') + 1)
      cases.push([f.slice(root.length), f, shared.has(name) ? SERVERS : own])
    }
  }

  it('covers every skill and the shared references', () => {
    expect(skills.sort()).toEqual(expect.arrayContaining(['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb']))
    expect(cases.length).toBeGreaterThan(20)
  })

  it.each(cases)('%s', (_rel, file, servers) => {
    const problems = checkFlagMentions(readFileSync(file, 'utf8'), servers).map((p) => `${p.line}: ${p.message}`)
    expect(problems).toEqual([])
  })
})
