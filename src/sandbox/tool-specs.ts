/**
 * The tool surface of awslabs.aurora-dsql-mcp-server 1.0.39 (names, parameters, JSON Schemas as FastMCP derives
 * them from the Python signatures), with descriptions that carry the original's gist plus what the sandbox does
 * not emulate. tools/list answers with these.
 */

export const NOT_EMULATED = [
  'optimistic-concurrency conflicts between sessions (40001 OC000/OC001 never happen: one local session)',
  'IAM authentication, database roles and grants as DSQL maps them',
  'latency, the asynchronous timing of DDL (ASYNC jobs finish before the call returns)',
  'multi-Region clusters and witness Regions',
  'the exact text of DSQL errors other than the 54000 limit messages; rule violations are reported with dsql-lint\'s message and rule id',
]

export const SANDBOX_NOTE = `This is the dbskills DSQL rehearsal sandbox: a local PostgreSQL (PGlite) that runs every statement through the official dsql-lint and enforces one DDL per transaction, no DDL beside DML, ASYNC DDL with sys.jobs, and 3,000 rows / 10 MiB / 300 s per transaction. It does NOT emulate: ${NOT_EMULATED.join('; ')}.`

const listResult = (name: string) => ({
  type: 'object',
  properties: { result: { type: 'array', items: { type: 'object', additionalProperties: true }, title: 'Result' } },
  required: ['result'],
  title: `${name}Output`,
})

export interface ToolSpec {
  name: string
  description: string
  inputSchema: Record<string, unknown>
  outputSchema?: Record<string, unknown>
}

const optional = (schema: Record<string, unknown>, description: string, title: string) =>
  ({ anyOf: [schema, { type: 'null' }], default: null, description, title })

export function toolSpecs(allowWrites: boolean): ToolSpec[] {
  const mode = allowWrites ? 'READ-WRITE (started with --allow-writes)' : 'READ-ONLY (start with --allow-writes to let transact write)'
  return [
    {
      name: 'readonly_query',
      description: `Run one read-only SQL query in a read-only transaction against the sandbox database and return its rows. Writes, session changes (SET, set_config), stacked statements and injection-like patterns (UNION, a literal followed by --, OR 1=1) are refused exactly as the real server refuses them.\n\n${SANDBOX_NOTE}`,
      inputSchema: {
        type: 'object',
        properties: {
          sql: { description: 'The SQL query to run', title: 'Sql', type: 'string' },
          params: optional({ items: {}, type: 'array' }, 'Optional list of values bound to %s placeholders in the SQL string (e.g. "SELECT * FROM t WHERE id = %s", params=["abc"]); a literal % is written %%. Injection checks still run on the SQL text.', 'Params'),
        },
        required: ['sql'],
        title: 'readonly_queryArguments',
      },
      outputSchema: listResult('readonly_query'),
    },
    {
      name: 'transact',
      description: `Run a list of SQL statements as ONE transaction (BEGIN and COMMIT are added) against the sandbox database and return the rows of the last statement. Mode: ${mode}. DSQL rules apply: one DDL statement per transaction and never DDL with DML, CREATE INDEX ASYNC (returns a job_id; see SELECT * FROM sys.jobs or sys.wait_for_job), at most 3,000 changed rows and 10 MiB per transaction. Put one statement in each list item.\n\n${SANDBOX_NOTE}`,
      inputSchema: {
        type: 'object',
        properties: {
          sql_list: { description: 'List of one or more SQL statements to execute in a transaction', items: { type: 'string' }, title: 'Sql List', type: 'array' },
          params_list: optional({ items: { anyOf: [{ items: {}, type: 'array' }, { type: 'null' }] }, type: 'array' }, 'Optional list of parameter lists, one per SQL statement, bound to %s placeholders; same length as sql_list; null for a statement without parameters. Example: sql_list=["INSERT INTO t (id, name) VALUES (%s, %s)"], params_list=[["uuid-1", "Widget"]]', 'Params List'),
        },
        required: ['sql_list'],
        title: 'transactArguments',
      },
      outputSchema: listResult('transact'),
    },
    {
      name: 'get_schema',
      description: `Get the schema (column names and data types) of the given table; "schema.table" is accepted.\n\n${SANDBOX_NOTE}`,
      inputSchema: { type: 'object', properties: { table_name: { description: 'name of the table', title: 'Table Name', type: 'string' } }, required: ['table_name'], title: 'get_schemaArguments' },
      outputSchema: listResult('get_schema'),
    },
    {
      name: 'dsql_search_documentation',
      description: 'Search Aurora DSQL documentation. OFFLINE in the sandbox: it answers that the knowledge server is unavailable; read the dsql skill\'s references instead.',
      inputSchema: {
        type: 'object',
        properties: {
          search_phrase: { description: 'Search phrase to use', title: 'Search Phrase', type: 'string' },
          limit: optional({ type: 'integer' }, 'Maximum number of results to return', 'Limit'),
        },
        required: ['search_phrase'],
        title: 'dsql_search_documentationArguments',
      },
    },
    {
      name: 'dsql_read_documentation',
      description: 'Read specific DSQL documentation pages. OFFLINE in the sandbox: it answers that the knowledge server is unavailable.',
      inputSchema: {
        type: 'object',
        properties: {
          url: { description: 'Specific url to read', title: 'Url', type: 'string' },
          start_index: optional({ type: 'integer' }, 'Starting character index', 'Start Index'),
          max_length: optional({ type: 'integer' }, 'Maximum number of characters to return', 'Max Length'),
        },
        required: ['url'],
        title: 'dsql_read_documentationArguments',
      },
    },
    {
      name: 'dsql_recommend',
      description: 'Get recommendations for DSQL best practices. OFFLINE in the sandbox: it answers that the knowledge server is unavailable.',
      inputSchema: { type: 'object', properties: { url: { description: 'URL of the documentation page to get recommendations for', title: 'Url', type: 'string' } }, required: ['url'], title: 'dsql_recommendArguments' },
    },
    {
      name: 'dsql_lint',
      description: 'Validate SQL for Aurora DSQL compatibility with the official dsql-lint and optionally auto-fix it (fix=true returns fixed_sql). Returns diagnostics (rule, line, message, suggestion, fix_result), fixed_sql and summary. Use it before running externally sourced SQL (ORM migrations, pg_dump output, hand-written DDL). Runs locally, as in the real server.',
      inputSchema: {
        type: 'object',
        properties: {
          sql: { description: 'SQL string to validate for DSQL compatibility', maxLength: 1000000, title: 'Sql', type: 'string' },
          fix: { default: false, description: 'When true, returns DSQL-compatible fixed SQL in addition to diagnostics', title: 'Fix', type: 'boolean' },
        },
        required: ['sql'],
        title: 'dsql_lintArguments',
      },
    },
  ]
}
