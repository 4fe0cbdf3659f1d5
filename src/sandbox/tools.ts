/**
 * The tool handlers: the real server's checks in its order (empty input, read-only gate, injection heuristics,
 * bypass), then dsql-lint on the transaction, then the statements on PGlite. Results have the real server's
 * shape: FastMCP turns a returned list of rows into one JSON text block per row plus
 * `structuredContent: {result: rows}`, a returned dict into one JSON text block, and a raised error into
 * `isError: true` with "Error executing tool <name>: <message>".
 */
import { ArgumentError, validateArguments } from './arguments.js'
import type { PGlite } from './database.js'
import { checkInjectionRisk, detectMutatingKeywords, detectTransactionBypass } from './guard.js'
import type { Linter } from './lint.js'
import { toolSpecs } from './tool-specs.js'
import { lintTransaction, runTransaction, SqlError, type Statement } from './transaction.js'

export interface SandboxState {
  allowWrites: boolean
  /** The database, opened in the background at start-up. */
  db(): Promise<PGlite>
  /** Undefined when this machine has no dsql-lint (then SQL tools refuse; see the sandbox command). */
  linter?: Linter
}

export interface ToolResult {
  content: Array<{ type: 'text'; text: string }>
  structuredContent?: Record<string, unknown>
  isError?: boolean
}

class ToolFailure extends Error {}

const READ_ONLY_WRITE = 'readonly_query does not support write operations. Use transact'
const WRITE_PROHIBITED = 'Your MCP server does not allow write operations. To use write operations, change the MCP configuration per README.md'
const BYPASS = 'Query contains patterns that could bypass read-only transaction controls'
const KNOWLEDGE_OFFLINE = 'The DSQL knowledge server is currently unavailable. Please try again later. (dbskills sandbox: the documentation tools are offline by design; read the dsql skill\'s references instead.)'

const text = (v: unknown) => ({ type: 'text' as const, text: JSON.stringify(v, null, 2) })
const rowsResult = (rows: unknown[]): ToolResult => ({ content: rows.map(text), structuredContent: { result: rows } })

function guard(sql: string, readOnly: boolean, refuseWrites: boolean): void {
  if (refuseWrites && detectMutatingKeywords(sql).length) throw new ToolFailure(WRITE_PROHIBITED)
  const risk = checkInjectionRisk(sql, readOnly)
  // Python's str() of the list of dicts, as the real message shows it.
  const repr = risk.map((r) => `{${Object.entries(r).map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`).join(', ')
  if (risk.length) throw new ToolFailure(`Your query contains risky injection patterns: [${repr}]`)
  if (readOnly && detectTransactionBypass(sql)) throw new ToolFailure(BYPASS)
}

async function execute(state: SandboxState, statements: Statement[], readOnly: boolean): Promise<Record<string, unknown>[]> {
  if (!state.linter) throw new SqlError('dsql-lint is not available on this machine, so the sandbox cannot enforce DSQL\'s rules; see `dbskills sandbox dsql --help`', '58P01')
  const rejected = await lintTransaction(state.linter, statements)
  if (rejected) throw rejected
  return runTransaction(await state.db(), statements, { readOnly })
}

async function readonlyQuery(state: SandboxState, a: Record<string, unknown>): Promise<ToolResult> {
  const sql = a.sql as string
  if (!sql) throw new ToolFailure('Incorrect invocation: readonly_query invoked without a SQL statement')
  guard(sql, true, true)
  try {
    const rows = await execute(state, [{ sql, params: a.params as unknown[] | null }], true)
    return rowsResult(rows)
  } catch (e) {
    const msg = e instanceof SqlError && e.code === '25006' ? READ_ONLY_WRITE : (e as Error).message
    throw new ToolFailure(`Error executing readonly_query: ${msg}`)
  }
}

async function transact(state: SandboxState, a: Record<string, unknown>): Promise<ToolResult> {
  const sqlList = a.sql_list as string[]
  const paramsList = a.params_list as Array<unknown[] | null> | null
  if (sqlList.length === 0) throw new ToolFailure('Incorrect invocation: transact invoked with no sql statements')
  if (paramsList && paramsList.length !== sqlList.length) {
    throw new ToolFailure(`params_list length (${paramsList.length}) must equal sql_list length (${sqlList.length})`)
  }
  const readOnly = !state.allowWrites
  for (const sql of sqlList) guard(sql, readOnly, readOnly)
  try {
    const rows = await execute(state, sqlList.map((sql, i) => ({ sql, params: paramsList?.[i] ?? null })), readOnly)
    return rowsResult(rows)
  } catch (e) {
    const msg = e instanceof SqlError && e.code === '25006' ? READ_ONLY_WRITE : (e as Error).message
    throw new ToolFailure(`Error executing transact: ${msg}`)
  }
}

async function getSchema(state: SandboxState, a: Record<string, unknown>): Promise<ToolResult> {
  const name = a.table_name as string
  if (!name) throw new ToolFailure('Incorrect invocation: Schema invoked without a table name')
  try {
    const db = await state.db()
    const dot = name.indexOf('.')
    const rows = dot === -1
      ? await db.query('SELECT column_name, data_type FROM information_schema.columns WHERE LOWER(table_name) = LOWER($1)', [name])
      : await db.query('SELECT column_name, data_type FROM information_schema.columns WHERE LOWER(table_schema) = LOWER($1) AND LOWER(table_name) = LOWER($2)', [name.slice(0, dot), name.slice(dot + 1)])
    return rowsResult(rows.rows)
  } catch (e) {
    throw new ToolFailure(`Error executing get_schema: ${(e as Error).message}`)
  }
}

async function dsqlLint(state: SandboxState, a: Record<string, unknown>): Promise<ToolResult> {
  const sql = a.sql as string
  if (!sql.trim()) return { content: [text({ diagnostics: [], fixed_sql: null, summary: { errors: 0, warnings: 0, fixed: 0 } })] }
  if (!state.linter) throw new ToolFailure('dsql-lint binary not found. On linux-x64 it comes with dbskills (@aws/dsql-lint-linux-x64); elsewhere install it with `pip install dsql-lint` or set DBSKILLS_DSQL_LINT.')
  return { content: [text(await state.linter.lint(sql, a.fix as boolean))] }
}

const HANDLERS: Record<string, (s: SandboxState, a: Record<string, unknown>) => Promise<ToolResult>> = {
  readonly_query: readonlyQuery,
  transact,
  get_schema: getSchema,
  dsql_lint: dsqlLint,
  dsql_search_documentation: async () => { throw new ToolFailure(KNOWLEDGE_OFFLINE) },
  dsql_read_documentation: async () => { throw new ToolFailure(KNOWLEDGE_OFFLINE) },
  dsql_recommend: async () => { throw new ToolFailure(KNOWLEDGE_OFFLINE) },
}

/** One tools/call: always a result, errors as `isError` results the way FastMCP reports them. */
export async function callTool(state: SandboxState, name: string, args: unknown): Promise<ToolResult> {
  const spec = toolSpecs(state.allowWrites).find((t) => t.name === name)
  const handler = HANDLERS[name]
  if (!spec || !handler) return { content: [{ type: 'text', text: `Unknown tool: ${name}` }], isError: true }
  try {
    return await handler(state, validateArguments(spec, args))
  } catch (e) {
    if (!(e instanceof ToolFailure || e instanceof ArgumentError || e instanceof SqlError)) throw e
    return { content: [{ type: 'text', text: `Error executing tool ${name}: ${e.message}` }], isError: true }
  }
}
