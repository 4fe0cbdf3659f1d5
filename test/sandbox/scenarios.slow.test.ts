// The DSQL rehearsal sandbox driven over real MCP stdio by the official TypeScript SDK client, through the
// migration scenarios of the seed article: each call is what an agent would send, each assertion what DSQL
// would answer (the rule it enforces, or the rows it returns).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type SandboxSession } from '../helpers/sandbox.js'
import { dsqlLintSupported } from '../helpers/dsql-lint.js'

let sb: SandboxSession
const dirs: string[] = []
const tempProject = () => { const d = mkdtempSync(join(tmpdir(), 'dbskills-sandbox-')); dirs.push(d); return d }
const ok = async (p: Promise<{ isError: boolean; text: string; rows: Record<string, unknown>[] }>) => {
  const r = await p
  if (r.isError) throw new Error(`expected success, got: ${r.text}`)
  return r.rows
}
const count = async (table: string) => Number((await ok(sb.query(`SELECT count(*) AS n FROM ${table}`)))[0]!.n)

beforeAll(async () => {
  sb = await startSandbox(tempProject())
})
afterAll(async () => {
  await sb?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 3 })
})

describe.skipIf(!dsqlLintSupported)('sandbox dsql over MCP stdio', () => {
  it('lists the aurora-dsql 1.0.39 tools with their parameter names and says what it does not emulate', async () => {
    const { tools } = await sb.client.listTools()
    const surface = Object.fromEntries(tools.map((t) => [t.name, Object.keys((t.inputSchema.properties ?? {}) as object)]))
    expect(surface).toEqual({
      readonly_query: ['sql', 'params'],
      transact: ['sql_list', 'params_list'],
      get_schema: ['table_name'],
      dsql_search_documentation: ['search_phrase', 'limit'],
      dsql_read_documentation: ['url', 'start_index', 'max_length'],
      dsql_recommend: ['url'],
      dsql_lint: ['sql', 'fix'],
    })
    expect(tools.find((t) => t.name === 'transact')?.description).toMatch(/does NOT emulate: optimistic-concurrency/)
  })

  it('creates a table, builds an ASYNC index as a job, waits for it and loads rows', async () => {
    await ok(sb.transact(['CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), author varchar(100) NOT NULL, body text, created_at timestamptz NOT NULL DEFAULT now())']))
    const [job] = await ok(sb.transact(['CREATE INDEX ASYNC idx_notes_author ON notes (author)']))
    expect(job).toEqual({ job_id: expect.stringMatching(/^[a-z2-7]{26}$/) })
    expect(await ok(sb.query('SELECT job_id, status, details FROM sys.jobs WHERE job_id = %s', [job!.job_id]))).toEqual([{ job_id: job!.job_id, status: 'completed', details: null }])
    expect(await ok(sb.query('SELECT sys.wait_for_job(%s) AS done', [job!.job_id]))).toEqual([{ done: true }])
    const inserted = await ok(sb.transact(['INSERT INTO notes (author, body) VALUES (%s, %s), (%s, %s) RETURNING author'], [['ana', 'first', 'ben', 'second']]))
    expect(inserted).toEqual([{ author: 'ana' }, { author: 'ben' }])
    expect(await ok(sb.call('get_schema', { table_name: 'notes' }))).toEqual([
      { column_name: 'id', data_type: 'uuid' },
      { column_name: 'author', data_type: 'character varying' },
      { column_name: 'body', data_type: 'text' },
      { column_name: 'created_at', data_type: 'timestamp with time zone' },
    ])
    const plain = await sb.transact(['CREATE INDEX idx_notes_body ON notes (body)'])
    expect(plain.text).toMatch(/CREATE INDEX without ASYNC is not supported.*rule index_async/)
  })

  it('rejects 3,001 rows in one transaction with 54000 and accepts them in batches', async () => {
    await ok(sb.transact(['CREATE TABLE readings (id bigint PRIMARY KEY, v int NOT NULL)']))
    const big = await sb.transact(['INSERT INTO readings SELECT g, g % 7 FROM generate_series(1, 3001) AS g'])
    expect(big).toMatchObject({ isError: true, text: 'Error executing tool transact: Error executing transact: transaction row limit exceeded' })
    expect(await count('readings')).toBe(0)
    // The limit is per transaction, not per statement.
    const split = await sb.transact(['INSERT INTO readings SELECT g, 0 FROM generate_series(1, 2000) AS g', 'INSERT INTO readings SELECT g, 0 FROM generate_series(2001, 3001) AS g'])
    expect(split.text).toMatch(/transaction row limit exceeded/)
    // With parameters, psycopg reads every % as a placeholder: a modulo operator must be written %%.
    const single = await sb.transact(['INSERT INTO readings SELECT g, g % 7 FROM generate_series(%s::int, %s::int) AS g'], [[1, 1000]])
    expect(single.text).toMatch(/only '%s', '%b', '%t' are allowed as placeholders, got '% '/)
    for (let start = 1; start <= 3001; start += 1000) {
      await ok(sb.transact(['INSERT INTO readings SELECT g, g %% 7 FROM generate_series(%s::int, %s::int) AS g'], [[start, Math.min(start + 999, 3001)]]))
    }
    expect(await count('readings')).toBe(3001)
    // Updating every row at once is over the limit too; batches of 1,000 are not.
    expect((await sb.transact(['UPDATE readings SET v = v + 1'])).text).toMatch(/transaction row limit exceeded/)
  })

  it('rejects more than 10 MiB written in one transaction and accepts it in smaller batches', async () => {
    await ok(sb.transact(['CREATE TABLE blobs (id int PRIMARY KEY, payload text NOT NULL)']))
    // About 12.8 KB of hex per row, which compression barely shrinks: 1,000 rows are about 12 MiB.
    const wide = "INSERT INTO blobs SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 400) AS i) FROM generate_series(%s::int, %s::int) AS g"
    expect((await sb.transact([wide], [[1, 1000]])).text).toBe('Error executing tool transact: Error executing transact: transaction size limit 10mb exceeded')
    expect(await count('blobs')).toBe(0)
    await ok(sb.transact([wide], [[1, 500]]))
    await ok(sb.transact([wide], [[501, 1000]]))
    expect(await count('blobs')).toBe(1000)
  })

  it('rejects several DDL statements, or DDL beside DML, in one transaction and writes nothing', async () => {
    const two = await sb.transact(['CREATE TABLE tags (id uuid PRIMARY KEY, name text)', 'CREATE INDEX ASYNC idx_tags_name ON tags (name)'])
    expect(two.text).toMatch(/rule multi_ddl_transaction/)
    const mixed = await sb.transact(['CREATE TABLE tags (id uuid PRIMARY KEY, name text)', "INSERT INTO tags VALUES (gen_random_uuid(), 'x')"])
    expect(mixed.text).toMatch(/rule mixed_ddl_dml_transaction/)
    expect(await ok(sb.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'tags'"))).toEqual([{ n: 0 }])
  })

  it('rejects ADD COLUMN with DEFAULT, then adds the column, sets the default and backfills in batches', async () => {
    const inline = await sb.transact(['ALTER TABLE readings ADD COLUMN unit text DEFAULT \'C\''])
    expect(inline.text).toMatch(/rule add_column_constraint/)
    await ok(sb.transact(['ALTER TABLE readings ADD COLUMN unit text']))
    await ok(sb.transact(["ALTER TABLE readings ALTER COLUMN unit SET DEFAULT 'C'"]))
    let rounds = 0
    for (;;) {
      const done = await ok(sb.transact(["UPDATE readings SET unit = 'C' WHERE id IN (SELECT id FROM readings WHERE unit IS NULL ORDER BY id LIMIT 1000)", 'SELECT count(*)::int AS left FROM readings WHERE unit IS NULL']))
      rounds++
      if (done[0]!.left === 0) break
    }
    expect(rounds).toBe(4)
  })

  it('changes a column type by table recreation, then recreates the index', async () => {
    expect((await sb.transact(['ALTER TABLE readings ALTER COLUMN v TYPE bigint'])).text).toMatch(/rule at_unsupported_alter_column_set_type/)
    await ok(sb.transact(['CREATE INDEX ASYNC idx_readings_v ON readings (v)']))
    await ok(sb.transact(['CREATE TABLE readings_new (id bigint PRIMARY KEY, v bigint NOT NULL, unit text)']))
    for (let lo = 0; lo < 3001; lo += 1000) {
      await ok(sb.transact(['INSERT INTO readings_new (id, v, unit) SELECT id, v::bigint, unit FROM readings WHERE id > %s AND id <= %s'], [[lo, lo + 1000]]))
    }
    expect(await ok(sb.query('SELECT (SELECT count(*) FROM readings)::int AS old, (SELECT count(*) FROM readings_new)::int AS new'))).toEqual([{ old: 3001, new: 3001 }])
    await ok(sb.transact(['DROP TABLE readings']))
    await ok(sb.transact(['ALTER TABLE readings_new RENAME TO readings']))
    const [job] = await ok(sb.transact(['CREATE INDEX ASYNC idx_readings_v ON readings (v)']))
    expect(await ok(sb.query('SELECT sys.wait_for_job(%s) AS done', [job!.job_id]))).toEqual([{ done: true }])
    expect(await ok(sb.query("SELECT indexname FROM pg_indexes WHERE tablename = 'readings' ORDER BY indexname"))).toEqual([{ indexname: 'idx_readings_v' }, { indexname: 'readings_new_pkey' }])
    expect(await ok(sb.call('get_schema', { table_name: 'public.readings' }))).toContainEqual({ column_name: 'v', data_type: 'bigint' })
  })

  it('detects an incompatible type change before anything is written', async () => {
    await ok(sb.transact(['CREATE TABLE stock (id int PRIMARY KEY, qty varchar(20))']))
    await ok(sb.transact(["INSERT INTO stock VALUES (1, '10'), (2, ' 7'), (3, 'lot-3'), (4, NULL)"]))
    await ok(sb.transact(['CREATE TABLE stock_new (id int PRIMARY KEY, qty int)']))
    const bad = await ok(sb.query("SELECT id, qty FROM stock WHERE qty IS NOT NULL AND qty !~ '^\\s*[-+]?[0-9]+\\s*$' ORDER BY id"))
    expect(bad).toEqual([{ id: 3, qty: 'lot-3' }])
    // Had the agent copied anyway, the cast fails and the transaction leaves nothing behind.
    const copy = await sb.transact(['INSERT INTO stock_new SELECT id, qty::int FROM stock'])
    expect(copy.text).toMatch(/invalid input syntax for type integer: "lot-3"/)
    expect(await count('stock_new')).toBe(0)
  })

  it('adds a foreign key NOT VALID, then validates it as an ASYNC job (and reports a failing one)', async () => {
    await ok(sb.transact(['CREATE TABLE parents (id uuid PRIMARY KEY)']))
    await ok(sb.transact(['CREATE TABLE children (id uuid PRIMARY KEY, parent_id uuid)']))
    const [p] = await ok(sb.transact(['INSERT INTO parents VALUES (gen_random_uuid()) RETURNING id']))
    await ok(sb.transact(['INSERT INTO children VALUES (gen_random_uuid(), %s)'], [[p!.id]]))
    await ok(sb.transact(['ALTER TABLE children ADD CONSTRAINT fk_children_parent FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID']))
    expect((await sb.transact(['ALTER TABLE children VALIDATE CONSTRAINT fk_children_parent'])).text).toMatch(/rule validate_constraint_async/)
    const [job] = await ok(sb.transact(['ALTER TABLE ASYNC children VALIDATE CONSTRAINT fk_children_parent']))
    expect(await ok(sb.query('SELECT status FROM sys.jobs WHERE job_id = %s', [job!.job_id]))).toEqual([{ status: 'completed' }])
    expect(await ok(sb.query("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_children_parent'"))).toEqual([{ convalidated: true }])
    expect((await sb.transact(['INSERT INTO children VALUES (gen_random_uuid(), gen_random_uuid())'])).text).toMatch(/violates foreign key constraint/)
    // An orphan that exists before validation makes the job fail, not the statement.
    await ok(sb.transact(['CREATE TABLE orphans (id uuid PRIMARY KEY, parent_id uuid)']))
    await ok(sb.transact(['INSERT INTO orphans VALUES (gen_random_uuid(), gen_random_uuid())']))
    await ok(sb.transact(['ALTER TABLE orphans ADD CONSTRAINT fk_orphans_parent FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID']))
    const [failing] = await ok(sb.transact(['ALTER TABLE ASYNC orphans VALIDATE CONSTRAINT fk_orphans_parent']))
    expect(await ok(sb.query('SELECT status, sys.wait_for_job(job_id) AS done FROM sys.jobs WHERE job_id = %s', [failing!.job_id]))).toEqual([{ status: 'failed', done: false }])
  })

  it('keeps the server\'s own argument validation, placeholder binding and read-only guard', async () => {
    expect((await sb.transact(['SELECT 1'], [[], []])).text).toBe('Error executing tool transact: params_list length (2) must equal sql_list length (1)')
    expect((await sb.call('transact', {})).text).toMatch(/^Error executing tool transact: 1 validation error for transactArguments\nsql_list\n {2}Field required/)
    expect((await sb.transact([])).text).toBe('Error executing tool transact: Incorrect invocation: transact invoked with no sql statements')
    expect((await sb.query('SELECT %s::int AS a', [1, 2])).text).toMatch(/the query has 1 placeholder but 2 parameters were passed/)
    expect(await ok(sb.query("SELECT 'x%%y' AS a, %s::text AS b", ['z']))).toEqual([{ a: 'x%y', b: 'z' }])
    expect((await sb.query("INSERT INTO notes (author) VALUES ('eve')")).text).toBe('Error executing tool readonly_query: Your MCP server does not allow write operations. To use write operations, change the MCP configuration per README.md')
    expect((await sb.query('SELECT 1 UNION SELECT 2')).text).toMatch(/risky injection patterns: \[\{'type': 'sql', 'label': 'union_select'/)
    expect((await sb.transact(['SELECT 1; SELECT 2'])).text).toMatch(/'label': 'stacked_query'/)
    expect((await sb.call('dsql_search_documentation', { search_phrase: 'foreign keys' }))).toMatchObject({ isError: true, text: expect.stringMatching(/knowledge server is currently unavailable/) })
    const lint = await sb.call('dsql_lint', { sql: 'CREATE INDEX i ON notes (body);', fix: true })
    expect(JSON.parse(lint.text)).toMatchObject({ diagnostics: [{ rule: 'index_async' }], fixed_sql: expect.stringMatching(/CREATE INDEX ASYNC/) })
  })
})

describe.skipIf(!dsqlLintSupported)('sandbox dsql without --allow-writes', () => {
  it('refuses COPY FROM STDIN (no data channel in a tool call) even behind a leading comment, instead of hanging', async () => {
    await sb.transact(['CREATE TABLE copy_target (id int PRIMARY KEY)'])
    for (const sql of ['COPY copy_target FROM STDIN', '-- seed the table\nCOPY copy_target FROM STDIN', '/* load */ COPY copy_target FROM STDIN'])
      expect((await sb.transact([sql])).text, sql).toMatch(/COPY cannot be used with execute\(\)/)
  })

  it('refuses writes in transact, as the real server does in read-only mode', async () => {
    const ro = await startSandbox(tempProject(), [])
    try {
      expect((await ro.transact(['CREATE TABLE t (id int PRIMARY KEY)'])).text).toBe('Error executing tool transact: Your MCP server does not allow write operations. To use write operations, change the MCP configuration per README.md')
      expect(await ok(ro.transact(['SELECT 1 AS one', 'SELECT 2 AS two']))).toEqual([{ two: 2 }])
    } finally {
      await ro.close()
    }
  })
})
