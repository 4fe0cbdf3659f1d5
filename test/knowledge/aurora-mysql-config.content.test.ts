// The aurora-mysql skill teaches an agent to recognise MCP configs written for the legacy MySQL server
// (--resource_arn/--secret_arn/--readonly/--hostname) and to convert them. These tests hold the skill to its own
// words: every ```json legacy example is recognised as legacy by the rule SKILL.md states, every ```json current
// example uses only flags from SKILL.md's flag table, and applying the mapping table of
// references/legacy-config-migration.md to each legacy example yields the current example that follows it. The IAM
// policy example must grant exactly the actions SKILL.md says the server needs, scoped to one cluster and its secret.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { codeFences } from '../../src/knowledge/markdown.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'aurora-mysql')
const read = (rel: string): string => readFileSync(join(skillDir, rel), 'utf8')
const skillMd = read('SKILL.md')
const migrationMd = read('references/legacy-config-migration.md')

const LEGACY_FLAGS = ['--resource_arn', '--secret_arn', '--readonly', '--hostname']
const PACKAGE = 'awslabs.mysql-mcp-server'

/** Lines of `md` from the heading line that starts with `heading` up to the next heading of the same or higher level. */
function section(md: string, heading: string): string {
  const lines = md.split('\n')
  const start = lines.findIndex((l) => l.startsWith(heading))
  if (start === -1) throw new Error(`no heading "${heading}"`)
  const level = heading.match(/^#+/)![0].length
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level)
  return lines.slice(start, end === -1 ? undefined : end).join('\n')
}

/** Flags documented in SKILL.md's flag table (first cell of each row). */
const documentedFlags = [...section(skillMd, '### Flags of the pinned release').matchAll(/^\| `(--[a-z_]+)` \|/gm)].map((m) => m[1]!)

interface ServerEntry {
  command: string
  args: string[]
  env?: Record<string, string>
}

/** The MySQL MCP server entries of a client config (any key whose args start with the package). */
function mysqlEntries(config: unknown): ServerEntry[] {
  const servers = (config as { mcpServers?: Record<string, ServerEntry> }).mcpServers ?? {}
  return Object.values(servers).filter((s) => s.args?.[0]?.startsWith(`${PACKAGE}@`))
}

/** The recognition rule SKILL.md states: any legacy flag in the server's arguments. */
function isLegacy(entry: ServerEntry): boolean {
  return entry.args.some((a) => LEGACY_FLAGS.includes(a))
}

/** `--flag value` pairs (a flag followed by another flag, or by nothing, has the value true). */
function flagMap(args: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>()
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('--')) throw new Error(`stray argument ${a}`)
    const next = args[i + 1]
    if (next === undefined || next.startsWith('--')) out.set(a, true)
    else {
      out.set(a, next)
      i++
    }
  }
  return out
}

/** The mapping table of references/legacy-config-migration.md, as code. */
function convert(legacy: Map<string, string | true>): { expected: Map<string, string | true>; mustAlsoHave: string[] } {
  const expected = new Map<string, string | true>()
  const mustAlsoHave: string[] = []
  for (const [flag, value] of legacy) {
    if (flag === '--resource_arn') {
      expected.set('--connection_method', 'RDS_API').set('--db_type', 'aurora-mysql').set('--db_cluster_arn', value)
    } else if (flag === '--hostname') {
      expected.set('--connection_method', 'MYSQL_WIRE_PROTOCOL').set('--db_endpoint', value).set('--db_type', 'aurora-mysql')
      mustAlsoHave.push('--db_cluster_arn') // looked up from the host name; the example picks the cluster's ARN
    } else if (flag === '--secret_arn') {
      // dropped: the server reads the cluster's managed master secret
    } else if (flag === '--readonly') {
      if (value === 'False') expected.set('--allow_write_query', true)
      else if (value !== 'True') throw new Error(`--readonly takes True or False, got ${String(value)}`)
    } else if (['--database', '--region', '--port'].includes(flag)) {
      expected.set(flag, value)
    } else {
      throw new Error(`the mapping table has no row for ${flag}`)
    }
  }
  return { expected, mustAlsoHave }
}

interface Pair {
  file: string
  legacy: ServerEntry
  current: ServerEntry
}

async function examplePairs(file: string, md: string): Promise<Pair[]> {
  const fences = (await codeFences(md)).filter((f) => f.lang === 'json' && (f.meta === 'legacy' || f.meta === 'current'))
  const pairs: Pair[] = []
  for (let i = 0; i < fences.length; i += 2) {
    const [l, c] = [fences[i]!, fences[i + 1]]
    if (l.meta !== 'legacy' || c?.meta !== 'current') throw new Error(`${file}:${l.line}: legacy and current examples must alternate`)
    const [legacy] = mysqlEntries(JSON.parse(l.value))
    const [current] = mysqlEntries(JSON.parse(c.value))
    if (!legacy || !current) throw new Error(`${file}:${l.line}: each example needs a ${PACKAGE} entry`)
    pairs.push({ file: `${file}:${l.line}`, legacy, current })
  }
  return pairs
}

const pairs = [
  ...(await examplePairs('SKILL.md', skillMd)),
  ...(await examplePairs('references/legacy-config-migration.md', migrationMd)),
]

describe('aurora-mysql skill: legacy config recognition and conversion', () => {
  it('documents the flag table and shows at least one pair in SKILL.md and one in the migration reference', () => {
    expect(documentedFlags.length).toBeGreaterThanOrEqual(9)
    expect(pairs.filter((p) => p.file.startsWith('SKILL.md')).length).toBeGreaterThanOrEqual(1)
    expect(pairs.filter((p) => p.file.startsWith('references/')).length).toBeGreaterThanOrEqual(1)
  })

  it('names every legacy flag where SKILL.md explains how to recognise old configs', () => {
    const text = section(skillMd, '## Old configs users paste')
    for (const flag of LEGACY_FLAGS) expect(text).toContain(`\`${flag}\``)
    const table = section(migrationMd, '## Mapping, flag by flag')
    for (const flag of LEGACY_FLAGS) expect(table).toContain(`\`${flag}`)
  })

  it('never lists a legacy flag as a flag of the pinned release', () => {
    expect(documentedFlags.filter((f) => LEGACY_FLAGS.includes(f))).toEqual([])
  })

  it.each(pairs.map((p) => [p.file, p] as const))('%s: the legacy example is recognised as legacy', (_, p) => {
    expect(isLegacy(p.legacy)).toBe(true)
    expect(p.legacy.args.filter((a) => LEGACY_FLAGS.includes(a)).length).toBeGreaterThanOrEqual(2)
  })

  it.each(pairs.map((p) => [p.file, p] as const))('%s: the converted example uses only current, documented flags', (_, p) => {
    expect(isLegacy(p.current)).toBe(false)
    const unknown = [...flagMap(p.current.args).keys()].filter((f) => !documentedFlags.includes(f))
    expect(unknown).toEqual([])
    expect(p.current.args[0]).not.toMatch(/@latest$/)
  })

  it.each(pairs.map((p) => [p.file, p] as const))('%s: the converted example is what the mapping table produces', (_, p) => {
    const { expected, mustAlsoHave } = convert(flagMap(p.legacy.args))
    const actual = flagMap(p.current.args)
    expect(Object.fromEntries([...actual].filter(([k]) => !mustAlsoHave.includes(k)))).toEqual(Object.fromEntries(expected))
    for (const flag of mustAlsoHave) expect(actual.get(flag), flag).toMatch(/^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:[a-z0-9-]+$/)
  })

  it('puts no secret values into an example config', () => {
    for (const p of pairs)
      for (const [name, value] of Object.entries(p.current.env ?? {}))
        expect(`${name}=${value}`).not.toMatch(/SECRET_ACCESS_KEY|SESSION_TOKEN|PASSWORD/i)
  })

  it('detects a legacy config and leaves a current one alone (the rule itself can fail)', () => {
    const entry = (args: string[]): ServerEntry => ({ command: 'uvx', args: [`${PACKAGE}@latest`, ...args] })
    expect(isLegacy(entry(['--readonly', 'True']))).toBe(true)
    expect(isLegacy(entry(['--db_cluster_arn', 'arn:aws:rds:us-east-1:111122223333:cluster:x', '--allow_write_query']))).toBe(false)
    expect(() => convert(flagMap(entry(['--allowed_tables', 'a']).args))).toThrow(/no row/)
  })
})

describe('aurora-mysql skill: IAM policy example', () => {
  const CONDITIONAL = new Set(['kms:Decrypt']) // SKILL.md: only when the secret uses a customer managed key
  const needed = new Set(
    [...section(skillMd, '### Flags of the pinned release').split('So the identity running the server needs')[1]!
      .split('The policy document')[0]!.matchAll(/`([a-z-]+:[A-Za-z]+)`/g)].map((m) => m[1]!),
  )

  it('SKILL.md names the describe call, the five rds-data actions and the secret read', () => {
    expect(needed).toEqual(new Set([
      'rds:DescribeDBClusters', 'rds-data:BeginTransaction', 'rds-data:ExecuteStatement', 'rds-data:CommitTransaction',
      'rds-data:RollbackTransaction', 'rds-data:BatchExecuteStatement', 'secretsmanager:GetSecretValue', 'kms:Decrypt',
    ]))
  })

  it('grants exactly those actions, each scoped to the cluster or its managed secret', async () => {
    const md = read('references/iam-and-managed-secret.md')
    const policies = (await codeFences(md)).filter((f) => f.lang === 'json' && f.meta === 'iam-policy')
    expect(policies.length).toBe(1)
    const doc = JSON.parse(policies[0]!.value) as { Statement: Array<{ Effect: string; Action: string[]; Resource: string }> }
    const granted = new Set<string>()
    for (const st of doc.Statement) {
      expect(st.Effect).toBe('Allow')
      expect(st.Resource).not.toContain('*')
      for (const action of st.Action) {
        granted.add(action)
        if (action.startsWith('secretsmanager:')) expect(st.Resource).toMatch(/:secret:rds!cluster-/)
        else expect(st.Resource).toMatch(/^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:[a-z0-9-]+$/)
      }
    }
    expect(granted).toEqual(new Set([...needed].filter((a) => !CONDITIONAL.has(a))))
  })
})
