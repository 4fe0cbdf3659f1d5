// The dsql skill's PostgreSQL-compatible examples, executed: the table-recreation sequence (abort on bad data, then a
// full migration with its verification queries), the type checks against PostgreSQL's own input parser, the backfill
// loop, keyset pagination, batched deletes, foreign keys added NOT VALID, and the tenant schema's composite foreign
// key. Each example is read from the skill by its fence id, so the text an agent reads is the text that runs here.
// DSQL-only keywords (ASYNC) are removed by adaptForPglite, whose comment says why; nothing else is changed.
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adaptForPglite, fence, sqlFencesById, startPglite, statements, type PGlite } from '../helpers/pglite.js'

const skillDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'skills', 'dsql')
const doc = (name: string) => sqlFencesById(join(skillDir, name))
const NIL_UUID = '00000000-0000-0000-0000-000000000000'

let db: PGlite
const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
  const { rows } = await db.query<T>(adaptForPglite(sql), params)
  if (!rows[0]) throw new Error(`no row from: ${sql}`)
  return rows[0]
}
/** Runs each statement of a fence as its own transaction, as the skill tells agents to. */
const runEach = async (sql: string) => {
  for (const s of statements(adaptForPglite(sql))) await db.exec(s)
}
const affected = async (sql: string, params: unknown[] = []) => (await db.query(adaptForPglite(sql), params)).affectedRows ?? 0

beforeAll(async () => {
  db = await startPglite()
}) // the content project allows 120 s: PGlite starts in 2-4 s, far slower on a loaded machine
afterAll(async () => {
  await db?.close()
})

describe('table recreation (references/table-recreation.md)', () => {
  it('reports every row of an incompatible VARCHAR to INTEGER change, so the migration aborts', async () => {
    const f = await doc('references/table-recreation.md')
    await db.exec(`CREATE TABLE stock_levels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), sku varchar(64) NOT NULL,
      quantity varchar(20), updated_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO stock_levels (sku, quantity) SELECT 'sku-' || g, 'lot-' || lpad(g::text, 4, '0') FROM generate_series(1, 3001) AS g;`)
    const r = await one<{ total_rows: number; invalid_count: number }>(fence(f, 'validate-integer'))
    expect(r).toEqual({ total_rows: 3001, invalid_count: 3001 })
    await db.exec('DROP TABLE stock_levels')
  })

  it('runs the whole sequence: capture, validate, copy in resumable batches, verify, swap, reindex', async () => {
    const f = await doc('references/table-recreation.md')
    await db.exec(`CREATE TABLE stock_levels (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), sku varchar(64) NOT NULL,
      quantity varchar(20), updated_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX idx_stock_levels_sku ON stock_levels (sku);
      CREATE TABLE stock_moves (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), stock_id uuid NOT NULL REFERENCES stock_levels (id));
      INSERT INTO stock_levels (sku, quantity)
        SELECT 'sku-' || g, CASE WHEN g % 50 = 0 THEN NULL WHEN g % 7 = 0 THEN ' -' || g ELSE (g * 3)::text END
        FROM generate_series(1, 2500) AS g;
      INSERT INTO stock_moves (stock_id) SELECT id FROM stock_levels LIMIT 3;`)

    const indexes = (await db.query<{ indexname: string }>(fence(f, 'capture-indexes'))).rows.map((r) => r.indexname)
    expect(indexes).toEqual(['idx_stock_levels_sku', 'stock_levels_pkey'])
    const dependents = (await db.query<{ conname: string }>(fence(f, 'capture-dependents'))).rows.map((r) => r.conname)
    expect(dependents).toEqual(['stock_moves_stock_id_fkey'])

    expect(await one(fence(f, 'validate-integer'))).toEqual({ total_rows: 2500, invalid_count: 0 })
    await runEach(fence(f, 'create-new'))

    // One batch, then an "interruption", then the loop: the statement resumes after the last copied key.
    const batches = [await affected(fence(f, 'copy-batch'))]
    for (let n = -1; n !== 0; ) batches.push((n = await affected(fence(f, 'copy-batch'))))
    expect(batches).toEqual([1000, 1000, 500, 0])

    expect(await one(fence(f, 'verify-counts'))).toEqual({ original_rows: 2500, copied_rows: 2500 })
    expect(await one(fence(f, 'verify-data'))).toEqual({ mismatched_rows: 0 })

    // The page warns that a foreign key pointing at the table blocks the drop; it does.
    const [drop, rename] = statements(fence(f, 'swap'))
    await expect(db.exec(drop!)).rejects.toThrow(/depend/)
    await db.exec('ALTER TABLE stock_moves DROP CONSTRAINT stock_moves_stock_id_fkey')
    await db.exec(drop!)
    await db.exec(rename!)
    await runEach(fence(f, 'reindex'))

    const after = (await db.query<{ indexname: string }>(fence(f, 'capture-indexes'))).rows.map((r) => r.indexname)
    expect(after).toEqual(['idx_stock_levels_sku', 'stock_levels_new_pkey'])
    await runEach(fence(f, 'rename-pkey'))
    const renamed = (await db.query<{ indexname: string }>(fence(f, 'capture-indexes'))).rows.map((r) => r.indexname)
    expect(renamed).toEqual(indexes)
    const type = await one<{ data_type: string }>(
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'stock_levels' AND column_name = 'quantity'",
    )
    expect(type.data_type).toBe('integer')
    expect(await one("SELECT count(*)::int AS n FROM stock_levels WHERE quantity < 0")).toEqual({ n: 350 })
    await db.exec(`ALTER TABLE stock_moves ADD CONSTRAINT stock_moves_stock_id_fkey FOREIGN KEY (stock_id) REFERENCES stock_levels (id) NOT VALID;
      ALTER TABLE stock_moves VALIDATE CONSTRAINT stock_moves_stock_id_fkey;`)
  })
})

describe('type compatibility checks (references/type-compatibility-checks.md)', () => {
  const samples = [
    '42', ' 42 ', '-7', '+3', '0', '2147483647', '2147483648', '-2147483648', '-2147483649', '99999999999', '9223372036854775807',
    '9223372036854775808', '4.5', '1e3', 'lot-0001', '', ' ', 'true', 'T', 'yes', 'off', '1', 'maybe', 'tr',
    '2026-02-28', '2026-02-30', '2026-13-01', '26-01-01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', 'a0eebc999c0b4ef8bb6d6bb9bd380a11', 'not-a-uuid', 'x'.repeat(50), 'y'.repeat(51),
  ]
  const checks: Array<[id: string, type: string]> = [
    ['check-integer', 'integer'], ['check-bigint', 'bigint'], ['check-boolean', 'boolean'], ['check-uuid', 'uuid'],
    ['check-date', 'date'], ['check-length', 'varchar(50)'],
  ]

  /** For each sample: does the skill's check accept it, and does PostgreSQL's cast accept it? */
  async function verdicts(check: string, type: string) {
    const out: Array<{ v: string; check: boolean; cast: boolean }> = []
    for (const v of samples) {
      await db.exec('DELETE FROM t')
      await db.query('INSERT INTO t (v) VALUES ($1)', [v])
      const { invalid_count } = await one<{ invalid_count: number }>(check)
      const { ok } = await one<{ ok: boolean }>(`SELECT pg_input_is_valid($1, '${type}') AS ok`, [v])
      out.push({ v, check: Number(invalid_count) === 0, cast: ok })
    }
    return out
  }

  it.each(checks)('%s never accepts a value the %s cast rejects (except the documented calendar gap)', async (id, type) => {
    const f = await doc('references/type-compatibility-checks.md')
    await db.exec('CREATE TABLE IF NOT EXISTS t (v text)')
    const v = await verdicts(fence(f, id), type)
    const unsound = v.filter((x) => x.check && !x.cast).map((x) => x.v)
    // The date page says its shape check cannot see calendar errors such as February 30.
    expect(unsound).toEqual(id === 'check-date' ? ['2026-02-30'] : [])
    // And it is not vacuous: it accepts ordinary valid input.
    expect(v.filter((x) => x.check).length).toBeGreaterThan(0)
  })
})

describe('batched DML (references/batched-dml.md, SKILL.md, references/ddl-rules.md)', () => {
  it('creates the first table, then backfills a new column in batches of at most 1,000', async () => {
    await runEach(fence(await doc('SKILL.md'), 'first-table'))
    const f = await doc('references/batched-dml.md')
    for (let i = 0; i < 3; i++) await db.exec(fence(f, 'load-test-rows'))
    await db.exec("ALTER TABLE notes ADD COLUMN status varchar(20)")
    const counts: number[] = []
    for (let n = -1; n !== 0; ) counts.push((n = await affected(fence(f, 'backfill-batch'))))
    expect(counts).toEqual([1000, 1000, 1000, 2, 0])
    expect(await one(fence(f, 'backfill-verify'))).toEqual({ still_null: 0 })
  })

  it('pages through every row exactly once with keyset pagination, by id and by (created_at, id)', async () => {
    const f = await doc('references/batched-dml.md')
    const total = (await one<{ n: number }>('SELECT count(*)::int AS n FROM notes')).n
    const seen: string[] = []
    for (let last = NIL_UUID; ; ) {
      const { rows } = await db.query<{ id: string }>(fence(f, 'keyset-page'), [last])
      seen.push(...rows.map((r) => r.id))
      if (rows.length < 500) break
      last = rows[rows.length - 1]!.id
    }
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(total)
    expect([...seen].sort()).toEqual(seen)

    const seen2 = new Set<string>()
    for (let cursor: [unknown, string] = ['-infinity', NIL_UUID]; ; ) {
      const { rows } = await db.query<{ id: string; created_at: Date }>(fence(f, 'keyset-composite'), cursor)
      rows.forEach((r) => seen2.add(r.id))
      if (rows.length < 500) break
      const lastRow = rows[rows.length - 1]!
      cursor = [lastRow.created_at, lastRow.id]
    }
    expect(seen2.size).toBe(total)
  })

  it('deletes in batches without TRUNCATE, leaving other rows alone', async () => {
    const f = await doc('references/batched-dml.md')
    const counts: number[] = []
    for (let n = -1; n !== 0; ) counts.push((n = await affected(fence(f, 'delete-batch'))))
    expect(counts).toEqual([1000, 1000, 1000, 0])
    expect(await one("SELECT count(*)::int AS n FROM notes")).toEqual({ n: 2 })
  })

  it('adds a column, sets its default before the backfill, and backfills (ddl-rules.md)', async () => {
    const f = await doc('references/ddl-rules.md')
    await runEach(fence(f, 'projects'))
    await db.exec("INSERT INTO projects (name) SELECT 'p' || g FROM generate_series(1, 40) AS g")
    const [add, setDefault, update] = statements(fence(f, 'add-column'))
    await db.exec(add!)
    await db.exec(setDefault!)
    await db.exec("INSERT INTO projects (name) VALUES ('added during the backfill')")
    await db.exec(update!)
    expect(await one("SELECT count(*)::int AS n FROM projects WHERE status = 'active'")).toEqual({ n: 42 })
  })
})

describe('foreign keys (references/referential-integrity.md)', () => {
  it('adds a key NOT VALID that binds new rows at once, fails validation on an orphan, then validates', async () => {
    const f = await doc('references/referential-integrity.md')
    await runEach(fence(f, 'fk-create'))
    await db.exec(`INSERT INTO authors (id, name) VALUES ('${NIL_UUID.replace(/0$/, '1')}', 'Ada');
      INSERT INTO books (author_id, title) VALUES ('${NIL_UUID.replace(/0$/, '1')}', 'Notes');
      CREATE TABLE reviews (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), book_id uuid, rating int);
      INSERT INTO reviews (book_id, rating) SELECT id, 5 FROM books;
      INSERT INTO reviews (book_id, rating) VALUES (gen_random_uuid(), 1);`)
    expect((await db.query(fence(f, 'fk-orphans'))).rows).toHaveLength(1)

    const [addKey, validate] = statements(adaptForPglite(fence(f, 'fk-add')))
    await db.exec(addKey!)
    await expect(db.exec("INSERT INTO reviews (book_id, rating) VALUES (gen_random_uuid(), 2)")).rejects.toThrow(/foreign key/)
    await expect(db.exec(validate!)).rejects.toThrow(/foreign key/)
    expect(await one("SELECT convalidated FROM pg_constraint WHERE conname = 'reviews_book_fk'")).toEqual({ convalidated: false })

    await db.exec(`DELETE FROM reviews WHERE id IN (${fence(f, 'fk-orphans').replace('r.id, r.book_id', 'r.id').replace(/;\s*$/, '')})`)
    await db.exec(validate!)
    expect(await one("SELECT convalidated FROM pg_constraint WHERE conname = 'reviews_book_fk'")).toEqual({ convalidated: true })
  })
})

describe('multi-tenant schema (references/multi-tenant-dsql.md)', () => {
  it('keeps invoices from pointing at another tenant\'s customer and pages one tenant\'s rows', async () => {
    const f = await doc('references/multi-tenant-dsql.md')
    await runEach(fence(f, 'tenant-schema'))
    const [a, b] = (await db.query<{ id: string }>("INSERT INTO tenants (name) VALUES ('a'), ('b') RETURNING id")).rows.map((r) => r.id)
    const custA = (await one<{ id: string }>('INSERT INTO customers (tenant_id, email) VALUES ($1, $2) RETURNING id', [a, 'x@example.com'])).id
    await one('INSERT INTO customers (tenant_id, email) VALUES ($1, $2) RETURNING id', [b, 'x@example.com'])

    await expect(db.query('INSERT INTO invoices (tenant_id, customer_id, total) VALUES ($1, $2, 10)', [b, custA])).rejects.toMatchObject({ code: '23503' })
    for (let i = 0; i < 60; i++) await db.query('INSERT INTO invoices (tenant_id, customer_id, total) VALUES ($1, $2, $3)', [a, custA, i])

    const page1 = (await db.query<{ id: string; created_at: Date }>(fence(f, 'tenant-page'), [a, 'infinity', NIL_UUID])).rows
    expect(page1).toHaveLength(50)
    const last = page1[49]!
    const page2 = (await db.query(fence(f, 'tenant-page'), [a, last.created_at, last.id])).rows
    expect(page2).toHaveLength(10)
    expect((await db.query(fence(f, 'tenant-page'), [b, 'infinity', NIL_UUID])).rows).toHaveLength(0)

    const missing = (await db.query<{ table_name: string }>(fence(f, 'tenant-audit'))).rows.map((r) => r.table_name)
    expect(missing).toContain('tenants')
    expect(missing).not.toContain('customers')
    expect(missing).not.toContain('invoices')
  })
})
