// The dsql skill's application-code fences, checked by real toolchains: every ```typescript fence type-checks with
// the project's tsc against the npm packages it imports, at pinned versions (the DSQL connector, pg, the DSQL signer,
// drizzle-orm, aws-cdk-lib); every `aws dsql` command in a ```bash fence uses a subcommand and options that exist in the
// DSQL API model shipped in @aws-sdk/client-dsql; every ```python fence parses with CPython and every ```java fence
// with javac's parser. Python and Java are parse-only because PyPI and Maven Central are unreachable here, which the
// fences' info strings say. Installing the packages takes about a minute the first time (cached in node_modules/.cache).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'
import { hasCommand, installPinned, parseJava, parsePython, typecheck } from '../helpers/fence-toolchains.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'dsql')

/** Exact versions the skill's text names; change them together with the text. */
const PINNED = {
  '@aws/aurora-dsql-node-postgres-connector': '0.1.9',
  '@aws-sdk/client-dsql': '3.1048.0',
  '@aws-sdk/dsql-signer': '3.1142.0',
  '@types/node': '20.19.43',
  '@types/pg': '8.23.1',
  'aws-cdk-lib': '2.276.0',
  constructs: '10.8.1',
  'drizzle-orm': '0.45.4',
  pg: '8.23.1',
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  )
}

// Shared references (references/shared.json) are copies owned by their source in references/; they hold deliberate
// fragments and are checked where they are written, not here.
const shared = new Set(Object.keys(JSON.parse(readFileSync(join(repoRoot, 'references', 'shared.json'), 'utf8')) as object))

type Located = Fence & { where: string }
const fences: Located[] = []
for (const file of markdownFiles(skillDir).filter((f) => !shared.has(relative(join(skillDir, 'references'), f)))) {
  for (const f of await codeFences(readFileSync(file, 'utf8'))) fences.push({ ...f, where: `${relative(repoRoot, file)}:${f.line}` })
}
const byLang = (lang: string) => fences.filter((f) => f.lang === lang)

/** CLI-wide options accepted by every `aws` command. */
const GLOBAL_OPTIONS = new Set(['region', 'profile', 'output', 'query', 'endpoint-url', 'debug', 'no-cli-pager', 'cli-input-json'])
/**
 * Hand-written CLI commands that are not API operations, so the model cannot list them; their options are from the
 * AWS CLI reference pages for `aws dsql generate-db-connect-auth-token` / `...-admin-auth-token`.
 */
const CUSTOM_COMMANDS: Record<string, string[]> = {
  'generate-db-connect-auth-token': ['hostname', 'expires-in'],
  'generate-db-connect-admin-auth-token': ['hostname', 'expires-in'],
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())

interface ApiModel {
  /** operation in kebab case → option names (kebab) of its input shape */
  operations: Map<string, Set<string>>
  /** waiter name in kebab case, e.g. cluster-active */
  waiters: Set<string>
}

/** Reads operations, input members and waiters from @aws-sdk/client-dsql's declaration files. */
function readApiModel(packagesDir: string): ApiModel {
  const root = join(packagesDir, 'node_modules', '@aws-sdk', 'client-dsql', 'dist-types')
  const models = readdirSync(join(root, 'models'))
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => readFileSync(join(root, 'models', f), 'utf8'))
    .join('\n')
  const operations = new Map<string, Set<string>>()
  for (const file of readdirSync(join(root, 'commands'))) {
    const op = /^(\w+)Command\.d\.ts$/.exec(file)?.[1]
    if (!op) continue
    const body = new RegExp(`export interface ${op}Input \\{([\\s\\S]*?)\\n\\}`).exec(models)?.[1] ?? ''
    const members = [...body.matchAll(/^\s{4}(\w+)\??:/gm)].map((m) => kebab(m[1] ?? ''))
    operations.set(kebab(op).replace(/^-/, ''), new Set(members))
  }
  const waiters = new Set(
    readdirSync(join(root, 'waiters'))
      .map((f) => /^waitFor(\w+)\.d\.ts$/.exec(f)?.[1])
      .filter((w): w is string => !!w)
      .map((w) => kebab(w).replace(/^-/, '')),
  )
  return { operations, waiters }
}

interface CliCall {
  where: string
  command: string
  options: string[]
}

/** Every `aws dsql ...` invocation in a bash fence, with line continuations joined and `$(...)` nesting cut off. */
function cliCalls(fence: Located): CliCall[] {
  const text = fence.value.replace(/\\\n\s*/g, ' ')
  const calls: CliCall[] = []
  for (const m of text.matchAll(/aws dsql ((?:wait )?[a-z-]+)([^\n)|;&]*)/g)) {
    const options = [...(m[2] ?? '').matchAll(/(?:^|\s)--([a-z][a-z-]*)/g)].map((o) => o[1] ?? '')
    calls.push({ where: fence.where, command: m[1] ?? '', options })
  }
  return calls
}

function checkCall(model: ApiModel, call: CliCall): string[] {
  const problems: string[] = []
  let allowed: Set<string>
  const waiter = /^wait ([a-z-]+)$/.exec(call.command)?.[1]
  if (waiter) {
    if (!model.waiters.has(waiter)) problems.push(`${call.where}: no waiter "${waiter}" (have ${[...model.waiters].join(', ')})`)
    allowed = model.operations.get('get-cluster') ?? new Set()
  } else if (CUSTOM_COMMANDS[call.command]) {
    allowed = new Set(CUSTOM_COMMANDS[call.command])
  } else {
    const members = model.operations.get(call.command)
    if (!members) return [`${call.where}: "aws dsql ${call.command}" is not an operation of the DSQL API`]
    allowed = members
  }
  for (const opt of call.options) {
    const plain = opt.replace(/^no-/, '')
    if (!GLOBAL_OPTIONS.has(opt) && !allowed.has(opt) && !allowed.has(plain)) {
      problems.push(`${call.where}: aws dsql ${call.command} has no option --${opt} (has ${[...allowed].map((a) => `--${a}`).join(' ')})`)
    }
  }
  return problems
}

describe('dsql skill TypeScript fences type-check against the packages they import', () => {
  let packagesDir = ''
  beforeAll(async () => {
    packagesDir = await installPinned(PINNED)
  }, 600_000)

  it('has the fences these checks are about (connectors, signer, CDK, drizzle, retry wrapper)', () => {
    const all = byLang('typescript').map((f) => f.value).join('\n')
    for (const pkg of ['@aws/aurora-dsql-node-postgres-connector', '@aws-sdk/dsql-signer', 'aws-cdk-lib/aws-dsql', 'drizzle-orm']) {
      expect(all).toContain(`'${pkg}`)
    }
  })

  it('compiles every ```typescript fence with strict tsc, and rejects a sample that misuses the connector', async () => {
    const ts = byLang('typescript')
    // The last source is wrong on purpose (the retry option is maxRetries), so the check cannot pass vacuously.
    const bad = "import { AuroraDSQLPool } from '@aws/aurora-dsql-node-postgres-connector'\nnew AuroraDSQLPool({ host: 'x', retry: { attempts: 3 } })\n"
    const diagnostics = await typecheck(packagesDir, [...ts.map((f) => f.value), bad])
    expect(diagnostics.pop()?.join('\n')).toMatch(/attempts/)
    expect(ts.flatMap((f, i) => (diagnostics[i] ?? []).map((d) => `${f.where} ${d}`))).toEqual([])
  }, 300_000)

  it('uses only `aws dsql` subcommands and options that exist in the DSQL API model', () => {
    const model = readApiModel(packagesDir)
    expect(model.operations.get('create-cluster')).toContain('deletion-protection-enabled')
    const calls = byLang('bash').flatMap(cliCalls)
    expect(calls.length).toBeGreaterThanOrEqual(12)
    expect(calls.flatMap((c) => checkCall(model, c))).toEqual([])
    // And the checker catches a wrong option name.
    expect(checkCall(model, { where: 'x', command: 'create-cluster', options: ['deletion-protection'] })).toHaveLength(1)
  })
})

describe.skipIf(!(await hasCommand('python3')))('dsql skill Python fences parse', () => {
  it('parses every ```python fence with CPython', async () => {
    const py = byLang('python')
    expect(py.length).toBeGreaterThanOrEqual(5)
    const results = await parsePython([...py.map((f) => f.value), 'def broken(:\n    pass\n'])
    expect(results.pop()).toMatch(/line 1/)
    expect(py.flatMap((f, i) => (results[i] ? [`${f.where} ${results[i]}`] : []))).toEqual([])
  })

  it('marks every Python fence that imports an AWS package as parse-only, with the reason', () => {
    const unmarked = byLang('python').filter((f) => /aurora_dsql/.test(f.value) && !/parse-only: .+/.test(f.meta))
    expect(unmarked.map((f) => f.where)).toEqual([])
  })
})

describe.skipIf(!(await hasCommand('java', '-version')))('dsql skill Java fences parse', () => {
  it('parses every ```java fence with javac, and says in its info string that it is parse-only', async () => {
    const java = byLang('java')
    expect(java.length).toBeGreaterThanOrEqual(1)
    const results = await parseJava([...java.map((f) => f.value), 'public class Broken { void f( { } }'])
    expect(results.pop()?.length).toBeGreaterThan(0)
    expect(java.flatMap((f, i) => (results[i] ?? []).map((d) => `${f.where} ${d}`))).toEqual([])
    expect(java.filter((f) => !/parse-only: .+/.test(f.meta)).map((f) => f.where)).toEqual([])
  }, 120_000)
})
