/**
 * One DSQL transaction on the embedded PostgreSQL: dsql-lint judges the whole transaction first (one DDL, no DDL
 * beside DML, CREATE INDEX ASYNC, ADD COLUMN without DEFAULT...), then the statements run between BEGIN and
 * COMMIT with DSQL's per-transaction limits checked after each one (3,000 changed rows, 10 MiB, 300 s). ASYNC DDL
 * runs in its synchronous PostgreSQL form and is recorded as a finished job in `sys.jobs`.
 */
import { randomBytes } from 'node:crypto'
import type { PGlite } from './database.js'
import type { LintDiagnostic, Linter } from './lint.js'
import { bindPlaceholders, placeholdersForLint } from './placeholders.js'
import { stripComments } from './sql-lexer.js'

const COPY_STREAM = /^\s*COPY\b[\s\S]*\b(FROM\s+STDIN|TO\s+STDOUT)\b/i

/** A database error with its SQLSTATE, worded the way DSQL (or PostgreSQL underneath) words it. */
export class SqlError extends Error {
  constructor(message: string, readonly code: string, readonly statement?: number, readonly rule?: string, readonly lineInStatement = 0) {
    super(message)
    this.name = 'SqlError'
  }
}

export interface Statement {
  sql: string
  params?: unknown[] | null
}

export const LIMITS = { rows: 3000, bytes: 10 * 1024 * 1024, seconds: 300 } as const

/** Lints the statements as one BEGIN...COMMIT block; the first diagnostic becomes the error DSQL would raise. */
export async function lintTransaction(linter: Linter, statements: readonly Statement[], begin = 'BEGIN'): Promise<SqlError | undefined> {
  const starts: number[] = []
  // A migration's own BEGIN line is linted as written (BEGIN ISOLATION LEVEL ... is itself a violation).
  const opener = begin.trim().replace(/;+\s*$/, '')
  let text = `${opener};\n`
  let line = 1 + opener.split('\n').length
  for (const s of statements) {
    starts.push(line)
    const body = placeholdersForLint(s.sql, s.params != null).trim().replace(/;+\s*$/, '')
    text += `${body};\n`
    line += body.split('\n').length
  }
  text += 'COMMIT;\n'
  const { diagnostics } = await linter.lint(text)
  const first = diagnostics[0]
  if (!first) return undefined
  const index = statementAt(starts, first)
  const offset = index === undefined ? 0 : first.line - starts[index]!
  return new SqlError(lintMessage(first, index, statements.length), '0A000', index, first.rule, offset)
}

function statementAt(starts: number[], d: LintDiagnostic): number | undefined {
  if (d.line < (starts[0] ?? 2)) return undefined // a transaction-level rule reported at BEGIN
  let index = 0
  starts.forEach((start, i) => { if (d.line >= start) index = i })
  return index
}

function lintMessage(d: LintDiagnostic, index: number | undefined, count: number): string {
  const where = index === undefined ? 'the transaction' : count > 1 ? `statement ${index + 1}` : 'the statement'
  const fix = d.suggestion ? ` ${d.suggestion}` : ''
  return `${d.message} [sandbox: dsql-lint rule ${d.rule}, ${where}.${fix}]`
}

const ASYNC_DDL = /^((?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:CREATE\s+(?:UNIQUE\s+)?INDEX|ALTER\s+TABLE))\s+ASYNC\b/i

/** The statement with DSQL's ASYNC keyword removed, or undefined when it is not an ASYNC DDL. */
export function syncFormOf(sql: string): { sql: string; kind: 'INDEX_BUILD' | 'VALIDATE_CONSTRAINT' } | undefined {
  const m = ASYNC_DDL.exec(sql)
  if (!m) return undefined
  return { sql: m[1] + sql.slice(m[0].length), kind: /INDEX$/i.test(m[1]!.trim()) ? 'INDEX_BUILD' : 'VALIDATE_CONSTRAINT' }
}

/** DSQL job ids are 26 lowercase base-32 characters. */
function newJobId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('')
}

function asSqlError(e: unknown, statement?: number): SqlError {
  if (e instanceof SqlError) return e
  const err = e as { message?: string; code?: string }
  return new SqlError(err.message ?? String(e), err.code ?? 'XX000', statement)
}

type Row = Record<string, unknown>

async function runAsync(db: PGlite, form: NonNullable<ReturnType<typeof syncFormOf>>, values: unknown[]): Promise<Row[]> {
  const jobId = newJobId()
  const object = /\b(?:INDEX|TABLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?("?[\w.]+"?)/i.exec(form.sql)?.[1] ?? null
  await db.exec('SAVEPOINT dbskills_async_job')
  let status = 'completed'
  let details: string | null = null
  try {
    await db.query(form.sql, values)
    await db.exec('RELEASE SAVEPOINT dbskills_async_job')
  } catch (e) {
    const err = asSqlError(e)
    // Only data found while the job runs (duplicates, rows failing a check or a foreign key) fails the job;
    // anything wrong with the statement itself fails the statement, as on DSQL.
    if (!err.code.startsWith('23')) throw err
    await db.exec('ROLLBACK TO SAVEPOINT dbskills_async_job')
    status = 'failed'
    details = err.message
  }
  await db.query('INSERT INTO sys.jobs (job_id, status, details, job_type, object_name) VALUES ($1, $2, $3, $4, $5)', [jobId, status, details, form.kind, object])
  return [{ job_id: jobId }]
}

async function changedRows(db: PGlite): Promise<number> {
  const r = await db.query<{ n: number }>("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::int AS n FROM pg_stat_xact_user_tables WHERE schemaname <> 'sys'")
  return r.rows[0]?.n ?? 0
}

async function walPosition(db: PGlite): Promise<string> {
  return (await db.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l')).rows[0]!.l
}

async function walBytesSince(db: PGlite, start: string): Promise<number> {
  return (await db.query<{ d: number }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::float8 AS d', [start])).rows[0]!.d
}

/** Runs the statements as one transaction and returns the rows of the last one; throws SqlError, rolled back. */
export async function runTransaction(db: PGlite, statements: readonly Statement[], opts: { readOnly: boolean; rollback?: boolean; now?: () => number }): Promise<Row[]> {
  const now = opts.now ?? Date.now
  const started = now()
  await db.exec(opts.readOnly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN')
  try {
    const wal = opts.readOnly ? '' : await walPosition(db)
    // pg_stat_xact_* also holds counts of earlier transactions not yet flushed to the shared statistics (PGlite's
    // single-user backend rarely goes idle), so the limit is measured from this transaction's starting value.
    const rowsBefore = opts.readOnly ? 0 : await changedRows(db)
    let rows: Row[] = []
    for (const [i, s] of statements.entries()) {
      // A tool call has no data channel: the real server's psycopg refuses COPY through execute() the same way,
      // and PGlite would wait for input that never comes.
      if (COPY_STREAM.test(stripComments(s.sql))) throw new SqlError('COPY cannot be used with execute(); load through psql \\copy or a driver copy API instead', '0A000', i)
      let bound
      try { bound = bindPlaceholders(s.sql, s.params) } catch (e) { throw new SqlError((e as Error).message, '42601', i) }
      const form = syncFormOf(bound.text)
      try {
        rows = form && !opts.readOnly ? await runAsync(db, form, bound.values) : (await db.query<Row>(bound.text, bound.values)).rows
      } catch (e) {
        throw asSqlError(e, i)
      }
      if (opts.readOnly) continue
      if (await changedRows(db) - rowsBefore > LIMITS.rows) throw new SqlError('transaction row limit exceeded', '54000', i)
      if (await walBytesSince(db, wal) > LIMITS.bytes) throw new SqlError('transaction size limit 10mb exceeded', '54000', i)
      if (now() - started > LIMITS.seconds * 1000) throw new SqlError('transaction age limit of 300s exceeded', '54000', i)
    }
    await db.exec(opts.rollback ? 'ROLLBACK' : 'COMMIT')
    return rows
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined)
    throw asSqlError(e)
  }
}
