/**
 * The Aurora operations references shared by aurora-postgresql and aurora-mysql (references/aurora-*.md and
 * references/rds-data-api-by-engine.md), executed where something can run here:
 * - every ```postgresql fence runs on embedded PostgreSQL (PGlite) and does what the text around it claims;
 * - every ```mysql fence parses with node-sql-parser's MySQL grammar (a parser, not a server);
 * - every `aws ...` line in a bash fence is parsed and validated by the real AWS CLI against a dead endpoint;
 * - every ```typescript (CDK) fence parses as TypeScript (syntax only: aws-cdk-lib is not a dependency; the text says
 *   where a snippet was type-checked and synthesized once by hand);
 * - every file is dated and says how to verify it.
 * Serverless v2 scaling, auto-pause, storage configurations, RDS Proxy, blue/green switchover and the Data API itself
 * need AWS: nothing here pretends to run them.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Parser } from 'node-sql-parser/build/mysql.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'
import { awsCliVersion, checkAwsCommands, shellCommands } from '../helpers/aws-cli.js'

const SHARED = join(import.meta.dirname, '../../references')
const FILES = ['aurora-serverless-v2.md', 'aurora-io-optimized.md', 'aurora-rds-proxy.md', 'aurora-blue-green-upgrades.md', 'rds-data-api-by-engine.md']

interface Located extends Fence { file: string; where: string }
let fences: Located[] = []
let texts = new Map<string, string>()
let db: PGlite

beforeAll(async () => {
  for (const file of FILES) {
    const text = await readFile(join(SHARED, file), 'utf8')
    texts.set(file, text)
    for (const f of await codeFences(text)) fences.push({ ...f, file, where: `${file}:${f.line}` })
  }
  db = await PGlite.create()
}, 60_000)
afterAll(async () => db?.close())

const pg = (id: string): string => {
  const found = fences.filter((f) => f.lang === 'postgresql' && f.meta.split(/\s+/).includes(`id=${id}`))
  if (found.length !== 1) throw new Error(`expected one postgresql fence id=${id}, found ${found.length}`)
  return found[0]!.value
}
const rows = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows

describe('Aurora operations references: structure', () => {
  it('each file is dated, says how to verify, and uses only fences this test checks', () => {
    for (const [file, text] of texts) {
      expect(text, file).toMatch(/Checked 2026-\d\d-\d\d/)
      expect(text, file).toMatch(/^## How to verify/m)
    }
    const langs = new Set(fences.map((f) => f.lang))
    expect([...langs].filter((l) => !['bash', 'postgresql', 'mysql', 'typescript'].includes(l))).toEqual([])
    const ids = fences.filter((f) => f.lang === 'postgresql').map((f) => /id=(\S+)/.exec(f.meta)?.[1]).sort()
    expect(ids).toEqual(['returning-key', 'session-state', 'tables-without-primary-key'])
  })
})

describe('aurora-rds-proxy.md: the PostgreSQL session-state query, on PGlite', () => {
  it('is empty for a clean session and reports each kind of state that pins a proxy session', async () => {
    const query = pg('session-state')
    expect(await rows(query)).toEqual([])
    await db.exec("SET search_path = public, pg_catalog; PREPARE pick AS SELECT 1; LISTEN order_events; SELECT pg_advisory_lock(42); CREATE TEMP TABLE scratch (x int)")
    await db.exec('BEGIN; DECLARE walk CURSOR FOR SELECT 1')
    const states = (await rows(query)).map((r) => `${String(r.state)}: ${String(r.detail)}`)
    await db.exec('COMMIT')
    expect(states).toEqual([
      'advisory lock held: 42',
      'listening channel: order_events',
      'open cursor: walk',
      'prepared statement: pick',
      'setting changed in this session: search_path',
      'temporary relation: scratch',
    ])
    // Cleaning up the session (what a proxy-friendly unit of work leaves) empties it again.
    await db.exec('RESET search_path; DEALLOCATE pick; UNLISTEN order_events; SELECT pg_advisory_unlock(42); DROP TABLE scratch')
    expect(await rows(query)).toEqual([])
  })
})

describe('aurora-blue-green-upgrades.md: the tables-without-primary-key query, on PGlite', () => {
  it('finds exactly the tables whose UPDATE/DELETE would not replicate logically', async () => {
    await db.exec(`
      CREATE SCHEMA shop;
      CREATE TABLE shop.orders (order_id bigint PRIMARY KEY, total numeric);
      CREATE TABLE shop.audit_log (at timestamptz, line text);
      CREATE TABLE shop.events (event_id uuid NOT NULL UNIQUE, body text);
      CREATE TABLE shop.imports (line text);
      ALTER TABLE shop.imports REPLICA IDENTITY FULL;
      ALTER TABLE shop.events REPLICA IDENTITY USING INDEX events_event_id_key;`)
    expect(await rows(pg('tables-without-primary-key'))).toEqual([{ schema_name: 'shop', table_name: 'audit_log' }])
    await db.exec('DROP SCHEMA shop CASCADE')
  })
})

describe('rds-data-api-by-engine.md: RETURNING and transactional DDL, on PGlite', () => {
  it('inserts and returns the generated key in the same statement', async () => {
    const results = await db.exec(pg('returning-key'))
    const returned = results.at(-1)!.rows as Array<Record<string, unknown>>
    expect(returned).toHaveLength(1)
    expect(Number(returned[0]!.ticket_id)).toBe(1)
    expect(returned[0]!.created_at).toBeInstanceOf(Date)
  })

  it('DDL in a rolled-back transaction is undone on PostgreSQL (the difference the table states)', async () => {
    await db.exec('DROP TABLE support_tickets')
    await db.exec(`BEGIN; ${pg('returning-key')}; ROLLBACK;`)
    expect(await rows("SELECT to_regclass('public.support_tickets') AS t")).toEqual([{ t: null }])
  })
})

describe('CDK snippets in the Aurora operations references', () => {
  it('parse as TypeScript, and the parser reports a broken snippet (negative control)', async () => {
    const ts = (await import('typescript')).default
    const syntaxErrors = (code: string) =>
      (ts.transpileModule(code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } }).diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
    const cdk = fences.filter((f) => f.lang === 'typescript')
    expect(cdk.length).toBeGreaterThanOrEqual(1)
    for (const f of cdk) expect(syntaxErrors(f.value), f.where).toEqual([])
    expect(syntaxErrors('new rds.DatabaseCluster(this, { serverlessV2MinCapacity: 0,, })').length).toBeGreaterThan(0)
  })
})

describe('MySQL in the Aurora operations references', () => {
  const parser = new Parser()
  const parse = (sql: string) => parser.astify(sql, { database: 'MySQL' })

  it('parses every mysql fence, and the parser rejects broken MySQL (negative control)', () => {
    const mysql = fences.filter((f) => f.lang === 'mysql')
    expect(mysql.length).toBeGreaterThanOrEqual(5)
    const failures: string[] = []
    for (const f of mysql) try { parse(f.value) } catch (e) { failures.push(`${f.where}: ${(e as Error).message.slice(0, 160)}`) }
    expect(failures).toEqual([])
    expect(() => parse('SELECT FROM WHERE')).toThrow()
  })

  it('labels each pinning example consistently with the table it illustrates', () => {
    const tracked = ['autocommit', 'names', 'character_set_client', 'collation_connection', 'sql_mode', 'time_zone', 'transaction_isolation']
    for (const f of fences.filter((x) => x.lang === 'mysql' && x.meta === 'pins'))
      expect(/@\w|\bTEMPORARY\b|\bLOCK\s+TABLES\b|\bGET_LOCK\s*\(/i.test(f.value), f.where).toBe(true)
    for (const f of fences.filter((x) => x.lang === 'mysql' && x.meta === 'no-pin')) {
      const setVar = /^\s*SET\s+(\w+)/i.exec(f.value)?.[1]?.toLowerCase()
      if (setVar) expect(tracked, f.where).toContain(setVar)
      expect(/@\w|\bTEMPORARY\b|\bGET_LOCK\s*\(/i.test(f.value), f.where).toBe(false)
    }
  })
})

describe('AWS CLI lines in the Aurora operations references', () => {
  const version = awsCliVersion()
  it.skipIf(!version)(`are accepted by the real AWS CLI (${version ?? 'aws not on PATH: skipped'})`, async () => {
    const commands = fences.filter((f) => f.lang === 'bash').flatMap((f) => shellCommands(f.value).map((command) => ({ where: f.where, command })))
    expect(commands.length).toBeGreaterThanOrEqual(8)
    // Negative controls, last: a shorthand key the API does not have, and an option the command does not have.
    const controls = ['aws rds modify-db-cluster --db-cluster-identifier x --serverless-v2-scaling-configuration MinCapacity=0,MaxACU=8', 'aws rds modify-db-cluster --db-cluster-identifier x --storage-kind aurora-iopt1']
    const outcomes = await checkAwsCommands([...commands.map((c) => c.command), ...controls])
    expect(outcomes.slice(0, commands.length).filter((o) => !o.wellFormed).map((o) => `${o.command}\n${o.output}`)).toEqual([])
    expect(outcomes.slice(commands.length).map((o) => o.wellFormed)).toEqual([false, false])
  }, 150_000)
})
