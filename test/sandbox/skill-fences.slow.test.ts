// The dsql skill's examples, run in the sandbox as the skill presents them:
// - every ```sql fence, statement by statement (BEGIN...COMMIT blocks as one transaction), through the sandbox's
//   rules on one throwaway database, in document order with SKILL.md first: none may break a DSQL rule. A statement
//   whose table or value another example was meant to provide ("context") is counted and listed, not failed;
// - every ```sql-wrong fence is rejected, with a rule its info string names;
// - every JSON tool-call example is sent over MCP stdio to `dbskills sandbox dsql --allow-writes` and succeeds
//   (the documentation tools answer that they are offline, by design).
// Fence scanning is the same as test/knowledge/dsql-sql.test.ts (codeFences over every .md of skills/dsql).
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'
import { openDatabase, type PGlite } from '../../src/sandbox/database.js'
import { createLinter, findDsqlLint } from '../../src/sandbox/lint.js'
import { groupTransactions, splitStatements } from '../../src/sandbox/sql-split.js'
import { lintTransaction, runTransaction, SqlError } from '../../src/sandbox/transaction.js'
import { REPO } from '../helpers/cli.js'
import { dsqlLintSupported } from '../helpers/dsql-lint.js'
import { fence, sqlFencesById, statements } from '../helpers/pglite.js'
import { startSandbox, type SandboxSession } from '../helpers/sandbox.js'

const skillDir = join(REPO, 'skills', 'dsql')
const files = [join(skillDir, 'SKILL.md'), ...readdirSync(join(skillDir, 'references')).filter((f) => f.endsWith('.md')).sort().map((f) => join(skillDir, 'references', f))]
const fences: Array<Fence & { where: string }> = []
for (const file of files) {
  for (const f of await codeFences(readFileSync(file, 'utf8'))) fences.push({ ...f, where: `${relative(REPO, file)}:${f.line}` })
}

interface ToolCall { tool: string; arguments: Record<string, unknown> }
const isCall = (v: unknown): v is ToolCall => !!v && typeof v === 'object' && typeof (v as ToolCall).tool === 'string'
const toolCalls = fences.filter((f) => f.lang === 'json').flatMap((f) => {
  const v: unknown = JSON.parse(f.value)
  const calls = Array.isArray(v) ? v.filter(isCall) : isCall(v) ? [v] : []
  return calls.map((c) => ({ ...c, where: f.where }))
})

/**
 * Not rule violations: another example, the user's data, the driver's parameter values ($1: 08P01) or a COPY data
 * stream (0A000 with "COPY cannot be used": a tool call has no stdin; psql and drivers stream it) provide these.
 */
const CONTEXT = new Set(['08P01', '42P01', '42703', '42704', '42883', '42P07', '42710', '23505', '23503', '22P02', '3F000'])

/** Tables the references' examples query without creating them (a user's existing schema), one DDL each. */
const USER_TABLES = [
  'ALTER TABLE notes ADD COLUMN status varchar(20)',
  'CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), v text)',
  'CREATE TABLE stock_levels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), sku varchar(64) NOT NULL, quantity varchar(20), updated_at timestamptz NOT NULL DEFAULT now())',
  'CREATE INDEX ASYNC idx_stock_levels_sku ON stock_levels (sku)',
  'CREATE TABLE reviews (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), book_id uuid, body text)',
  'CREATE TABLE customers (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text)',
  'CREATE TABLE orders (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), customer_id uuid, status varchar(20), total numeric(12, 2), created_at timestamptz NOT NULL DEFAULT now())',
  'CREATE TABLE invoices (tenant_id uuid NOT NULL, id uuid NOT NULL DEFAULT gen_random_uuid(), total numeric(12, 2), created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, id))',
]

let db: PGlite
const linter = () => createLinter(findDsqlLint(process.env)!)

describe.skipIf(!dsqlLintSupported)('dsql skill examples in the sandbox', () => {
  beforeAll(async () => { db = await openDatabase(undefined) })
  afterAll(async () => { await db?.close() })

  it('runs every ```sql fence without breaking a DSQL rule', async () => {
    const violations: string[] = []
    const context: string[] = []
    let ran = 0
    let prepared = false
    let currentFile = ''
    let fileNo = 0
    for (const f of fences.filter((x) => x.lang === 'sql')) {
      // The user's tables the references' examples assume, created the DSQL way once SKILL.md made `notes`.
      if (!prepared && !f.where.startsWith('skills/dsql/SKILL.md')) {
        prepared = true
        for (const sql of USER_TABLES) {
          const rejected = await lintTransaction(linter(), [{ sql }])
          if (rejected) throw rejected
          await runTransaction(db, [{ sql }], { readOnly: false })
        }
      }
      // Each reference file gets its own schema in front of public (where SKILL.md's and the user's tables are), so
      // two files that both create `orders` do not collide; within a file, fences build on each other.
      const file = f.where.slice(0, f.where.lastIndexOf(':'))
      if (file !== currentFile) {
        currentFile = file
        const schema = `f${++fileNo}`
        if (prepared) await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}, public`)
      }
      for (const group of groupTransactions(splitStatements(f.value))) {
        const stmts = group.statements.map((s) => ({ sql: s.sql, params: null }))
        const where = `${f.where} (+${group.statements[0]!.line - 1})`
        try {
          const rejected = await lintTransaction(linter(), stmts, group.begin)
          if (rejected) throw rejected
          await runTransaction(db, stmts, { readOnly: false })
          ran += stmts.length
        } catch (e) {
          const err = e as SqlError
          const copyStream = err.code === '0A000' && !err.rule && /COPY cannot be used/.test(err.message)
          if (copyStream) context.push(`${where}: copy-stream ${err.message}`)
          else if (err.rule || err.code === '54000' || !CONTEXT.has(err.code)) violations.push(`${where}: ${err.code} ${err.message}`)
          else context.push(`${where}: ${err.code} ${err.message.split('\n')[0]}`)
        }
      }
    }
    console.log(`sql fences: ${ran} statements ran; ${context.length} needed context:\n  ${context.join('\n  ')}`)
    expect(violations).toEqual([])
    // What remains unrun is only the driver-style `$1` examples and COPY streams, which need an application's data.
    expect(context.filter((c) => !c.includes(': 08P01 ') && !c.includes(': copy-stream '))).toEqual([])
    expect(ran).toBeGreaterThan(60)
  })

  it('rejects every ```sql-wrong fence with a rule the fence names', async () => {
    const problems: string[] = []
    for (const f of fences.filter((x) => x.lang === 'sql-wrong')) {
      const named = f.meta.split(/\s+/).filter(Boolean)
      const rules: string[] = []
      for (const group of groupTransactions(splitStatements(f.value))) {
        const rejected = await lintTransaction(linter(), group.statements.map((s) => ({ sql: s.sql, params: null })), group.begin)
        if (rejected?.rule) rules.push(rejected.rule)
      }
      if (rules.length === 0) problems.push(`${f.where}: the sandbox accepts this "wrong" example`)
      for (const r of rules.filter((x) => !named.includes(x))) problems.push(`${f.where}: rejected by ${r}, fence names ${named.join(', ')}`)
    }
    expect(problems).toEqual([])
  })
})

describe.skipIf(!dsqlLintSupported)('dsql skill tool-call examples over MCP stdio', () => {
  let sb: SandboxSession
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dbskills-fences-'))
    sb = await startSandbox(dir)
  })
  afterAll(async () => {
    await sb?.close()
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  })

  it('has examples for the database and documentation tools', () => {
    expect(new Set(toolCalls.map((c) => c.tool))).toEqual(new Set(['transact', 'readonly_query', 'dsql_search_documentation']))
  })

  it('answers every example call as the skill says', async () => {
    // The tenant tables the invoice examples query, created the way multi-tenant-dsql.md says: one DDL per call.
    const tenant = fence(await sqlFencesById(join(skillDir, 'references', 'multi-tenant-dsql.md')), 'tenant-schema')
    for (const s of statements(tenant)) expect((await sb.transact([s])).isError).toBe(false)
    let lastJob: unknown
    const problems: string[] = []
    for (const call of toolCalls) {
      const args = JSON.parse(JSON.stringify(call.arguments).replace(/"<job_id[^"]*>"/g, JSON.stringify(lastJob))) as Record<string, unknown>
      const r = await sb.call(call.tool, args)
      if (call.tool.startsWith('dsql_') && call.tool !== 'dsql_lint') {
        if (!/knowledge server is currently unavailable/.test(r.text)) problems.push(`${call.where} ${call.tool}: ${r.text}`)
        continue
      }
      if (r.isError) problems.push(`${call.where} ${call.tool}: ${r.text}`)
      const job = r.rows[0]?.job_id
      if (job) lastJob = job
    }
    expect(problems).toEqual([])
    expect(lastJob).toMatch(/^[a-z2-7]{26}$/)
  })
})
