// Executes the aurora-postgresql skill's own ```postgresql blocks on embedded PostgreSQL (PGlite) and checks that
// they do what the text claims: the RLS recipe, the least-privilege role, the canned queries and COMMENT ON.
// The SQL is taken from the Markdown (never retyped), so editing an example in the skill re-runs it here.
// One PGlite instance for the whole file (~2-4 s, ~0.5 GB); the steps below run in order on it, like a migration.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences } from '../../src/knowledge/markdown.js'

const SKILL_DIR = fileURLToPath(new URL('../../skills/aurora-postgresql/', import.meta.url))

interface Block { file: string; attrs: Record<string, string>; value: string }
interface Expectation { argument?: string; rows: Record<string, unknown>[] }

/** `id=schema aurora-only` -> { id: 'schema', 'aurora-only': '' } */
function parseMeta(meta: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const token of meta.split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=')
    if (eq < 0) out[token] = ''
    else out[token.slice(0, eq)] = token.slice(eq + 1)
  }
  return out
}

/** SKILL.md and the skill's own references; shared copies (references/shared.json) belong to their own tests. */
async function skillBlocks(): Promise<Block[]> {
  const manifest = JSON.parse(await readFile(join(SKILL_DIR, '../../references/shared.json'), 'utf8')) as Record<string, string[]>
  const own = (await readdir(join(SKILL_DIR, 'references'))).filter((f) => f.endsWith('.md') && !(f in manifest))
  const files = ['SKILL.md', ...own.map((f) => `references/${f}`)]
  const out: Block[] = []
  for (const file of files) {
    for (const fence of await codeFences(await readFile(join(SKILL_DIR, file), 'utf8'))) {
      out.push({ file, attrs: { lang: fence.lang, ...parseMeta(fence.meta) }, value: fence.value })
    }
  }
  return out
}

// Every ```postgresql block this file executes, by id. A block the skill adds must be executed here or be
// marked `aurora-only` (needs Aurora, e.g. the rds_iam role), otherwise the coverage test fails.
const EXECUTED = [
  'roles', 'mcp-role', 'schema', 'sample-data', 'comments', 'app-grants', 'mcp-grants',
  'credits-for-book', 'books-by-person', 'read-comments', 'read-table-comment', 'missing-comments',
  'rls-enable', 'rls-request', 'rls-force', 'explorer-policy', 'rls-verify', 'role-posture',
] as const

let blocks: Block[]
let db: PGlite

function sql(id: (typeof EXECUTED)[number]): string {
  const found = blocks.filter((b) => b.attrs.lang === 'postgresql' && b.attrs.id === id)
  if (found.length !== 1) throw new Error(`expected exactly one postgresql block id=${id}, found ${found.length}`)
  return found[0]!.value
}

function expectation(id: string): Expectation {
  const found = blocks.filter((b) => b.attrs.lang === 'json' && b.attrs.expect === id)
  if (found.length !== 1) throw new Error(`expected exactly one json block expect=${id}, found ${found.length}`)
  return JSON.parse(found[0]!.value) as Expectation
}

/** Runs fn with the session switched to `role` (SET ROLE), always switching back. */
async function asRole<T>(role: string, fn: () => Promise<T>): Promise<T> {
  await db.exec(`SET ROLE ${role}`)
  try {
    return await fn()
  } finally {
    await db.exec('RESET ROLE')
  }
}

const rows = async (text: string, params: unknown[] = []) => (await db.query<Record<string, unknown>>(text, params)).rows
const bookCount = async () => Number((await rows('SELECT count(*) AS n FROM catalog.books'))[0]!.n)

/** Runs a canned query inside a transaction with the entitlement set the way the skill's app code does. */
async function withAudiences(role: string, audiences: string, text: string, params: unknown[]) {
  return asRole(role, () =>
    db.transaction(async (tx) => {
      await tx.query("SELECT set_config('app.audiences', $1, true)", [audiences])
      return (await tx.query<Record<string, unknown>>(text, params)).rows
    }),
  )
}

beforeAll(async () => {
  blocks = await skillBlocks()
  db = await PGlite.create()
  // The migration, in the order the references describe it.
  for (const id of ['roles', 'mcp-role', 'schema', 'sample-data', 'comments', 'app-grants', 'mcp-grants'] as const) {
    await db.exec(sql(id))
  }
}) // the content project allows 120 s

afterAll(async () => {
  await db?.close()
})

describe('aurora-postgresql skill SQL, executed', () => {
  it('executes every postgresql block (or it is marked aurora-only) and checks every expectation', () => {
    const pg = blocks.filter((b) => b.attrs.lang === 'postgresql')
    expect(pg.filter((b) => !b.attrs.id).map((b) => b.file)).toEqual([])
    const ids = pg.map((b) => b.attrs.id!)
    expect(new Set(ids).size).toBe(ids.length)
    expect(pg.filter((b) => !('aurora-only' in b.attrs)).map((b) => b.attrs.id).sort()).toEqual([...EXECUTED].sort())
    const expects = blocks.filter((b) => b.attrs.lang === 'json' && b.attrs.expect).map((b) => b.attrs.expect)
    expect(expects.sort()).toEqual(['books-by-person', 'credits-for-book', 'read-comments', 'rls-request'])
  })

  it('credits_for_book picks the newest edition of a shared title and returns the documented rows', async () => {
    const want = expectation('credits-for-book')
    expect(await rows(sql('credits-for-book'), [want.argument])).toEqual(want.rows)
  })

  it('get_table_schema-style read-back returns the COMMENT ON text per column, empty for an unknown table', async () => {
    const want = expectation('read-comments')
    const got = await rows(sql('read-comments'), [want.argument])
    expect(got.slice(0, want.rows.length)).toEqual(want.rows)
    expect(got.map((r) => r.column_name)).toEqual(['book_id', 'title', 'publisher_id', 'audience', 'first_published', 'out_of_print_year'])
    expect(got.find((r) => r.column_name === 'out_of_print_year')?.column_comment).toMatch(/NULL while it is still in print/)
    expect(await rows(sql('read-comments'), ['catalog.no_such_table'])).toEqual([])
    const [table] = await rows(sql('read-table-comment'), ['catalog.books'])
    expect(table?.table_comment).toMatch(/^One row per edition\./)
  })

  it('the missing-comments check is empty for the commented schema and names a column once its comment is gone', async () => {
    expect(await rows(sql('missing-comments'))).toEqual([])
    await db.exec('COMMENT ON COLUMN catalog.people.full_name IS NULL')
    expect(await rows(sql('missing-comments'))).toEqual([{ table_name: 'people', column_name: 'full_name' }])
    await db.exec(sql('comments'))
    expect(await rows(sql('missing-comments'))).toEqual([])
  })

  it('the least-privilege role reads, cannot write, carries its login settings, and passes the posture check', async () => {
    const [cfg] = await rows("SELECT rolconfig FROM pg_roles WHERE rolname = 'mcp_reader'")
    expect(cfg?.rolconfig).toEqual(['default_transaction_read_only=on', 'statement_timeout=30s'])
    expect(await asRole('mcp_reader', () => rows('SELECT count(*)::int AS n FROM catalog.publishers'))).toEqual([{ n: 2 }])
    await expect(asRole('mcp_reader', () => db.exec("INSERT INTO catalog.publishers VALUES (9, 'x')"))).rejects.toThrow(/permission denied/)
    // ALTER DEFAULT PRIVILEGES: a table the owner creates later is readable without a new grant.
    await asRole('catalog_owner', () => db.exec('CREATE TABLE catalog.later (x int)'))
    const [later] = await rows("SELECT has_table_privilege('mcp_reader', 'catalog.later', 'SELECT') AS can")
    expect(later?.can).toBe(true)
    await db.exec('DROP TABLE catalog.later')

    const posture = await rows(sql('role-posture'))
    expect(posture.map((r) => r.rolname)).toEqual(['catalog_app', 'mcp_reader'])
    for (const r of posture) {
      expect([r.is_superuser, r.bypasses_rls, r.creates_roles, r.in_rds_superuser, r.owns_relations]).toEqual([false, false, false, false, false])
    }
    // The same query flags what it must flag: the owner owns relations, a superuser is a superuser.
    const list = "IN ('mcp_reader', 'catalog_app')"
    expect(sql('role-posture')).toContain(list)
    const wider = await rows(sql('role-posture').replace(list, "IN ('catalog_owner', 'postgres')"))
    expect(wider.map((r) => [r.rolname, r.owns_relations, r.is_superuser])).toEqual([['catalog_owner', true, false], ['postgres', true, true]])
  })

  it('before RLS: a policy without missing_ok would error; after ENABLE the app role sees nothing, the owner still sees all', async () => {
    await expect(db.query("SELECT current_setting('app.audiences')")).rejects.toThrow(/unrecognized configuration parameter/)
    await db.exec(sql('rls-enable'))
    expect(await asRole('catalog_app', bookCount)).toBe(0)
    expect(await asRole('catalog_owner', bookCount)).toBe(5)
    // The documented books_by_person result is what an unfiltered role (the owner before FORCE) gets.
    const want = expectation('books-by-person')
    expect(await asRole('catalog_owner', () => rows(sql('books-by-person'), [want.argument]))).toEqual(want.rows)
    // A role that inherits the owner's privileges counts as the owner: never grant catalog_owner to the app.
    await db.exec('CREATE ROLE owner_member LOGIN; GRANT catalog_owner TO owner_member')
    expect(await asRole('owner_member', bookCount)).toBe(5)
  })

  it('per request: the app role sees exactly the entitled rows inside the transaction, none after COMMIT', async () => {
    const want = expectation('rls-request')
    const results = await asRole('catalog_app', () => db.exec(sql('rls-request')))
    const listing = results.find((r) => r.fields.some((f) => f.name === 'title'))
    expect(listing?.rows).toEqual(want.rows)
    expect(await asRole('catalog_app', bookCount)).toBe(0)
    expect(await rows("SELECT current_setting('app.audiences', true) AS v")).toEqual([{ v: '' }])
  })

  it('a session-scoped value outlives the transaction (the pooled-connection leak the text warns about)', async () => {
    await asRole('catalog_app', async () => {
      await db.exec("BEGIN; SELECT set_config('app.audiences', 'general', false); COMMIT;")
      expect(await bookCount()).toBe(3)
      await db.exec('RESET app.audiences')
      expect(await bookCount()).toBe(0)
    })
  })

  it('canned queries compose with the policy: the restricted book disappears for a children,general user', async () => {
    const all = expectation('books-by-person')
    const got = await withAudiences('catalog_app', 'children,general', sql('books-by-person'), [all.argument])
    expect(got).toEqual(all.rows.filter((r) => r.title === 'The Salt Road'))
    expect(got).toHaveLength(2)
    const credits = expectation('credits-for-book')
    expect(await withAudiences('catalog_app', 'children,general', sql('credits-for-book'), [credits.argument])).toEqual(credits.rows)
    expect(await withAudiences('catalog_app', 'children', sql('credits-for-book'), [credits.argument])).toEqual([])
  })

  it('after FORCE the owner is filtered too; superusers and BYPASSRLS roles still are not', async () => {
    await db.exec(sql('rls-force'))
    expect(await asRole('catalog_owner', bookCount)).toBe(0)
    expect(await withAudiences('catalog_owner', 'restricted', 'SELECT title FROM catalog.books', [])).toEqual([{ title: 'Field Notes on Grief' }])
    expect(await asRole('owner_member', bookCount)).toBe(0)
    expect(await bookCount()).toBe(5) // PGlite's session user is a superuser
    await db.exec('CREATE ROLE bypasser BYPASSRLS; GRANT USAGE ON SCHEMA catalog TO bypasser; GRANT SELECT ON catalog.books TO bypasser')
    expect(await asRole('bypasser', bookCount)).toBe(5)
  })

  it('views: one owned by the table owner stays filtered, one owned by a superuser leaks every row', async () => {
    await asRole('catalog_owner', () => db.exec('CREATE VIEW catalog.books_view AS SELECT * FROM catalog.books; GRANT SELECT ON catalog.books_view TO catalog_app'))
    await db.exec('CREATE VIEW public.books_leak AS SELECT * FROM catalog.books; GRANT SELECT ON public.books_leak TO catalog_app')
    expect(await asRole('catalog_app', async () => Number((await rows('SELECT count(*) AS n FROM catalog.books_view'))[0]!.n))).toBe(0)
    expect(await asRole('catalog_app', async () => Number((await rows('SELECT count(*) AS n FROM public.books_leak'))[0]!.n))).toBe(5)
    await db.exec('DROP VIEW catalog.books_view; DROP VIEW public.books_leak')
  })

  it('the explorer policy gives mcp_reader a fixed slice that needs no setting, and nothing more', async () => {
    expect(await asRole('mcp_reader', bookCount)).toBe(0)
    await db.exec(sql('explorer-policy'))
    expect(await asRole('mcp_reader', () => rows('SELECT DISTINCT audience FROM catalog.books'))).toEqual([{ audience: 'general' }])
    expect(await asRole('mcp_reader', bookCount)).toBe(3)
    expect(await asRole('catalog_app', bookCount)).toBe(0)
  })

  it('the verification query reports RLS enabled and forced on books, with both policies', async () => {
    const got = await rows(sql('rls-verify'))
    const books = got.find((r) => r.relname === 'books')
    expect(books).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true })
    expect(Number(books?.policies)).toBe(2)
    expect(got.find((r) => r.relname === 'people')).toMatchObject({ relrowsecurity: false, relforcerowsecurity: false })
  })
})
