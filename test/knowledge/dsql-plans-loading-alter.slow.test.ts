// The SQL of the dsql skill's query-plan, bulk-loading and ALTER TABLE references, executed on PostgreSQL (PGlite):
// the plan examples run, the rewrites return the same rows as the queries they replace, a chunked COPY loads a file
// and a replayed chunk fails loudly instead of duplicating rows, and each ALTER TABLE form listed for DSQL does what
// the reference says (including the identity trap it warns about). Fences are read from the skill by id, so the
// text an agent reads is the text that runs. DSQL-only keywords (ASYNC) are removed by adaptForPglite.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences } from '../../src/knowledge/markdown.js'
import { adaptForPglite, fence, sqlFencesById, startPglite, statements, type PGlite } from '../helpers/pglite.js'

const skillDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'skills', 'dsql')
const doc = (name: string) => sqlFencesById(join(skillDir, name))
const CUSTOMER = '3f0c2a9e-6b1d-4c55-9a7e-2d8b4f1e0c11'

/** The ```sql-fragment fences of a file, in order (they carry no id). */
async function fragments(name: string): Promise<string[]> {
  const all = await codeFences(readFileSync(join(skillDir, name), 'utf8'))
  return all.filter((f) => f.lang === 'sql-fragment').map((f) => f.value)
}

let db: PGlite
const runEach = async (sql: string) => {
  for (const s of statements(adaptForPglite(sql))) await db.exec(s)
}
const rows = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(adaptForPglite(sql), params)).rows

beforeAll(async () => {
  db = await startPglite()
}, 120_000)
afterAll(async () => {
  await db?.close()
})

describe('query plans (references/query-plans.md)', () => {
  it('creates the example schema, explains the query and sees a valid index', async () => {
    const f = await doc('references/query-plans.md')
    await runEach(fence(f, 'plan-schema'))
    await db.exec(`INSERT INTO customers (id, email, region) VALUES ('${CUSTOMER}', 'Ana@Example.com', 'eu');
      INSERT INTO customers (email, region) SELECT 'user' || g || '@example.com', 'us' FROM generate_series(1, 200) AS g;
      INSERT INTO orders (customer_id, status, total, created_at)
        SELECT CASE WHEN g % 10 = 0 THEN '${CUSTOMER}'::uuid ELSE gen_random_uuid() END, 'open', g, timestamptz '2026-10-01' + g * interval '1 hour'
        FROM generate_series(1, 3000) AS g;
      ANALYZE orders;`)
    const plan = (await rows<{ 'QUERY PLAN': string }>(fence(f, 'plan-explain'))).map((r) => r['QUERY PLAN']).join('\n')
    expect(plan).toMatch(/actual time=/)
    expect(plan).toMatch(/idx_orders_customer/)
    const indexes = await rows<{ index_name: string; indisvalid: boolean }>(fence(f, 'plan-index-ready'))
    expect(indexes).toContainEqual({ index_name: 'idx_orders_customer', indisvalid: true })
    expect((await rows<{ attname: string }>(fence(f, 'plan-stats'))).map((r) => r.attname)).toContain('customer_id')
  })

  it('rewrites return what the original queries return', async () => {
    const f = await doc('references/query-plans.md')
    const plain = await rows<{ id: string }>(`SELECT id, total FROM orders WHERE customer_id = '${CUSTOMER}' ORDER BY id`)
    const cast = await rows<{ id: string }>(`${fence(f, 'plan-cast').replace(/;\s*$/, '')} ORDER BY id`)
    expect(cast).toEqual(plain)
    expect(plain).toHaveLength(300)

    const [createIndex, query] = statements(adaptForPglite(fence(f, 'plan-expression')))
    await db.exec(createIndex!)
    expect(await rows(query!)).toEqual(await rows(`SELECT id FROM customers WHERE email ILIKE 'ana@example.com'`))
    expect(await rows(query!)).toHaveLength(1)

    const keyset = await rows<{ id: string }>(fence(f, 'plan-keyset'))
    const offset = await rows<{ id: string }>(`SELECT id, created_at, total FROM orders WHERE customer_id = '${CUSTOMER}'
      AND created_at >= '2026-11-20 00:00:00+00' ORDER BY created_at, id LIMIT 50`)
    expect(keyset).toEqual(offset)
    expect(keyset.length).toBeGreaterThan(0)

    const [{ approximate_rows }] = (await rows<{ approximate_rows: number }>(fence(f, 'plan-estimate'))) as [{ approximate_rows: number }]
    expect(Number(approximate_rows)).toBe(3000)
  })
})

describe('bulk loading (references/bulk-loading.md)', () => {
  it('loads a file in 1,000-row COPY chunks and refuses to load a chunk twice', async () => {
    const copy = fence(await doc('references/bulk-loading.md'), 'copy-stdin')
    // PGlite reads COPY input from a blob at /dev/blob instead of the client's STDIN; nothing else is changed.
    const viaBlob = copy.replace(/FROM STDIN/i, "FROM '/dev/blob'")
    await db.exec('DELETE FROM orders')
    const lines = Array.from({ length: 2500 }, (_, i) => {
      const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`
      return `${id},${CUSTOMER},open,${i + 1}.50,2026-11-${String((i % 28) + 1).padStart(2, '0')} 10:00:00+00`
    })
    const chunks: string[][] = []
    for (let i = 0; i < lines.length; i += 1000) chunks.push(lines.slice(i, i + 1000))
    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500])
    for (const chunk of chunks) {
      const r = await db.query(viaBlob, [], { blob: new Blob([chunk.join('\n') + '\n']) })
      expect(r.affectedRows).toBe(chunk.length)
    }
    expect(await rows('SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 2500 }])
    // The primary key is in the file, so replaying a committed chunk fails with 23505 rather than duplicating it.
    await expect(db.query(viaBlob, [], { blob: new Blob([chunks[0]!.join('\n') + '\n']) })).rejects.toMatchObject({ code: '23505' })
    expect(await rows('SELECT count(*)::int AS n FROM orders')).toEqual([{ n: 2500 }])
  })
})

describe('a raw foreign-key migration next to an ORM (references/orms-and-migration-tools.md)', () => {
  it('binds new rows at once and validates the loaded ones', async () => {
    const [addKey, validate] = statements(adaptForPglite(fence(await doc('references/orms-and-migration-tools.md'), 'orm-fk')))
    await db.exec(addKey!)
    await expect(db.exec(`INSERT INTO orders (customer_id, status, total) VALUES (gen_random_uuid(), 'open', 1)`)).rejects.toMatchObject({ code: '23503' })
    expect(await rows("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_customer_fk'")).toEqual([{ convalidated: false }])
    await db.exec(validate!)
    expect(await rows("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_customer_fk'")).toEqual([{ convalidated: true }])
  })
})

describe('ALTER TABLE forms (references/ddl-rules.md)', () => {
  it('runs each listed form with the effect the reference describes', async () => {
    const f = await doc('references/ddl-rules.md')
    const frags = await fragments('references/ddl-rules.md')
    const restart = frags.find((s) => /RESTART WITH/.test(s))
    const setSchema = frags.find((s) => /SET SCHEMA/.test(s))
    if (!restart || !setSchema) throw new Error('ddl-rules.md lost its RESTART or SET SCHEMA fragment')
    await runEach(fence(f, 'alter-given'))
    await db.exec("INSERT INTO invoices (id, net) VALUES (1, 10), (2, 20), (3, 30)")
    const [rename, addIdentity, dropExpression, setStorage, deferrable, dropIdentity] = statements(fence(f, 'alter-forms'))

    await db.exec(rename!)
    expect(await rows("SELECT conname FROM pg_constraint WHERE conrelid = 'invoices'::regclass AND contype = 'c'")).toEqual([
      { conname: 'invoices_net_not_negative' },
    ])

    // The identity trap: the new sequence starts at 1, which collides with existing ids until it is restarted.
    await db.exec(addIdentity!)
    await expect(db.exec('INSERT INTO invoices (net) VALUES (40)')).rejects.toMatchObject({ code: '23505' })
    const [restartStmt, setGeneratedStmt] = statements(restart)
    await db.exec(restartStmt!)
    await db.exec(setGeneratedStmt!)
    expect(await rows('INSERT INTO invoices (net) VALUES (40) RETURNING id')).toEqual([{ id: 100001 }])
    // SET GENERATED ALWAYS: an explicit id is now refused (SQLSTATE 428C9, generated_always).
    await expect(db.exec('INSERT INTO invoices (id, net) VALUES (7, 1)')).rejects.toMatchObject({ code: '428C9' })

    await db.exec(dropExpression!)
    expect(await rows('SELECT gross::text FROM invoices WHERE id = 1')).toEqual([{ gross: '12.00' }])
    await db.exec('UPDATE invoices SET net = 100 WHERE id = 1')
    expect(await rows('SELECT gross::text FROM invoices WHERE id = 1')).toEqual([{ gross: '12.00' }])

    await db.exec(setStorage!)
    expect(await rows("SELECT attstorage FROM pg_attribute WHERE attrelid = 'invoices'::regclass AND attname = 'notes'")).toEqual([
      { attstorage: 'e' },
    ])

    // A deferred foreign key is checked at COMMIT: the child may come first inside the transaction.
    await db.exec(deferrable!)
    await db.exec(`BEGIN; INSERT INTO invoice_lines (invoice_id) VALUES (500); INSERT INTO invoices (id, net) OVERRIDING SYSTEM VALUE VALUES (500, 5); COMMIT;`)
    await expect(db.exec('BEGIN; INSERT INTO invoice_lines (invoice_id) VALUES (501); COMMIT;')).rejects.toMatchObject({ code: '23503' })
    await db.exec('ROLLBACK').catch(() => undefined)

    await db.exec(dropIdentity!)
    expect(await rows("SELECT attidentity FROM pg_attribute WHERE attrelid = 'invoices'::regclass AND attname = 'id'")).toEqual([
      { attidentity: '' },
    ])
    expect(await rows('SELECT count(*)::int AS n FROM invoices')).toEqual([{ n: 5 }])

    await db.exec('CREATE SCHEMA billing')
    await db.exec(setSchema)
    expect(await rows("SELECT table_schema FROM information_schema.tables WHERE table_name = 'invoices'")).toEqual([
      { table_schema: 'billing' },
    ])
  })
})
