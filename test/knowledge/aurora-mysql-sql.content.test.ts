// Every MySQL example in the aurora-mysql skill is a claim a machine checks. ```mysql fences must parse with a real
// MySQL-dialect parser (node-sql-parser; a parser, not a live server). Fences whose meta says `readonly` are shown
// as things to send through run_query in the default read-only mode, so they must be one statement and must not
// trip the server's SQL guard as the skill documents it; fences marked `rejected` must trip it. The guard model below
// is the list from FACTS.md §1.4 (server mutable_sql_detector.py at mirror HEAD 2026-08-21) and is compared with
// the list the skill prints, so the examples, the documentation and the facts cannot drift apart silently.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Parser } from 'node-sql-parser/build/mysql.js'
import { describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'aurora-mysql')

/** Info strings this skill may use. `sql` is reserved for Aurora DSQL examples, so it must not appear here. */
const KNOWN_LANGS = new Set(['mysql', 'json', 'bash', 'python', 'typescript'])
/** What a mysql fence's meta may say. */
const KNOWN_MYSQL_META = new Set(['', 'readonly', 'write', 'rejected'])

interface Located extends Fence {
  where: string
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  )
}

// Shared references (references/shared.json) are copies owned and fence-checked where they are written; this test
// covers the files the aurora-mysql skill itself authors.
const shared = JSON.parse(readFileSync(join(repoRoot, 'references', 'shared.json'), 'utf8')) as Record<string, string[]>
const isSharedCopy = (file: string): boolean =>
  relative(join(skillDir, 'references'), file) in shared && shared[relative(join(skillDir, 'references'), file)]!.includes('aurora-mysql')

const fences: Located[] = []
for (const file of markdownFiles(skillDir).filter((f) => !isSharedCopy(f))) {
  for (const f of await codeFences(readFileSync(file, 'utf8'))) fences.push({ ...f, where: `${relative(repoRoot, file)}:${f.line}` })
}
const mysqlFences = fences.filter((f) => f.lang === 'mysql')
const readonlyFences = mysqlFences.filter((f) => f.meta === 'readonly')
const rejectedFences = mysqlFences.filter((f) => f.meta === 'rejected')

const parser = new Parser()
/** Parses as MySQL; returns the statement count, or throws with the parser's message. */
function parseMysql(sql: string): number {
  const ast = parser.astify(sql, { database: 'MySQL' })
  return Array.isArray(ast) ? ast.length : 1
}

// ---- model of the 1.0.26 guard (FACTS.md §1.4) ----
const READONLY_WORDS = [
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'TRUNCATE', 'REPLACE', 'LOAD DATA', 'LOAD XML', 'CREATE', 'DROP', 'ALTER',
  'RENAME', 'GRANT', 'REVOKE', 'INSTALL', 'UNINSTALL', 'OPTIMIZE', 'REPAIR', 'ANALYZE', 'SET', 'CALL', 'PREPARE',
  'EXECUTE', 'DEALLOCATE', 'HANDLER', 'LOCK', 'UNLOCK', 'FLUSH', 'RESET', 'KILL',
]
const ALWAYS_REJECTED: Array<[string, RegExp]> = [
  ['stacked statements', /;\s*\S/],
  ['UNION ... SELECT', /\bunion\b[\s\S]*\bselect\b/i],
  ['DROP', /\bdrop\b/i],
  ['TRUNCATE', /\btruncate\b/i],
  ['GRANT/REVOKE', /\b(grant|revoke)\b/i],
  ['numeric tautology', /\bor\b\s+\d+\s*=\s*\d+/i],
  ['string tautology', /\bor\b\s*'[^']+'\s*=\s*'[^']+'/i],
  ['quote then -- comment', /'[^\n]*--/],
  ['sleep/benchmark', /\b(sleep|benchmark)\s*\(/i],
  ['load_file', /\bload_file\s*\(/i],
  ['into outfile/dumpfile', /\binto\s+(outfile|dumpfile)\b/i],
  ['protected session variable', /\bset\b[^;]*\b(sql_log_bin|foreign_key_checks|unique_checks)\b/i],
]

/** Why the modelled guard would reject `sql` in read-only mode ([] = it passes). */
function guardRejections(sql: string): string[] {
  const text = sql.replace(/;\s*$/, '')
  const out = READONLY_WORDS.filter((w) => new RegExp(`\\b${w.replace(' ', '\\s+')}\\b`, 'i').test(text))
  if (text.includes('/*!')) out.push('/*! comment')
  for (const [why, re] of ALWAYS_REJECTED) if (re.test(text)) out.push(why)
  return out
}

describe('aurora-mysql skill: code fences', () => {
  it('carry a deliberate, known info string', () => {
    const unknown = fences.filter((f) => !KNOWN_LANGS.has(f.lang)).map((f) => `${f.where} "${f.lang}"`)
    expect(unknown).toEqual([])
    const badMeta = mysqlFences.filter((f) => !KNOWN_MYSQL_META.has(f.meta)).map((f) => `${f.where} "${f.meta}"`)
    expect(badMeta).toEqual([])
  })

  it('has only well-formed ```json fences', () => {
    const bad: string[] = []
    for (const f of fences.filter((x) => x.lang === 'json')) {
      try {
        JSON.parse(f.value)
      } catch (e) {
        bad.push(`${f.where}: ${(e as Error).message}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('has enough MySQL examples for these checks to mean something', () => {
    expect(mysqlFences.length).toBeGreaterThanOrEqual(12)
    expect(readonlyFences.length).toBeGreaterThanOrEqual(6)
    expect(rejectedFences.length).toBeGreaterThanOrEqual(2)
  })

  it('uses a parser that really rejects broken MySQL (negative control)', () => {
    expect(() => parseMysql('SELEC ticket_id FROM support_tickets')).toThrow()
    expect(() => parseMysql("SELECT * FROM support_tickets WHERE status = 'open' AND")).toThrow()
    expect(() => parseMysql('CREATE TABLE t (id INT PRIMARY KEY,)')).toThrow()
  })

  it('parses every ```mysql fence as MySQL with node-sql-parser', () => {
    const failures: string[] = []
    for (const f of mysqlFences) {
      try {
        parseMysql(f.value)
      } catch (e) {
        failures.push(`${f.where}: ${(e as Error).message.slice(0, 160)}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('shows read-only examples as single statements the documented guard lets through', () => {
    const problems: string[] = []
    for (const f of readonlyFences) {
      let count = 0
      try {
        count = parseMysql(f.value)
      } catch {
        problems.push(`${f.where}: does not parse (see the parse test)`)
        continue
      }
      if (count !== 1) problems.push(`${f.where}: ${count} statements; run_query takes one`)
      const why = guardRejections(f.value)
      if (why.length) problems.push(`${f.where}: the read-only guard would reject it (${why.join(', ')})`)
      if (/^\s*select\b/i.test(f.value) && !/\blimit\s+\d+/i.test(f.value) && !/\bcount\s*\(/i.test(f.value))
        problems.push(`${f.where}: a browsing SELECT without LIMIT (rule 4 in SKILL.md)`)
    }
    expect(problems).toEqual([])
  })

  it('shows "rejected" examples that the documented guard really rejects', () => {
    const passing = rejectedFences.filter((f) => guardRejections(f.value).length === 0).map((f) => f.where)
    expect(passing).toEqual([])
  })

  it('models the guard so that it catches what SKILL.md says it catches', () => {
    expect(guardRejections('SELECT a FROM t LIMIT 5')).toEqual([])
    expect(guardRejections('SELECT 1; DELETE FROM t')).toContain('stacked statements')
    expect(guardRejections('EXPLAIN ANALYZE SELECT 1')).toContain('ANALYZE')
    expect(guardRejections("SELECT * FROM t WHERE a = 'x' -- why")).toContain('quote then -- comment')
    expect(guardRejections('SELECT created_at, updated_at FROM t LIMIT 1')).toEqual([])
  })
})

describe('aurora-mysql skill: the guard lists it prints', () => {
  const doc = readFileSync(join(skillDir, 'references', 'read-only-guard.md'), 'utf8')
  const section = (heading: string): string => {
    const start = doc.indexOf(heading)
    expect(start, `heading "${heading}"`).toBeGreaterThan(-1)
    const next = doc.indexOf('\n## ', start + heading.length)
    return doc.slice(start, next === -1 ? undefined : next)
  }
  const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

  it('lists exactly the read-only keywords of the model (FACTS.md §1.4)', () => {
    const listed = ticked(section('## Rejected in read-only mode')).filter((t) => /^[A-Z][A-Z ]+$/.test(t))
    expect(new Set(listed)).toEqual(new Set(READONLY_WORDS))
  })

  it('names every always-rejected pattern of the model', () => {
    const both = section('## Rejected in both modes')
    for (const needle of ['UNION', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'OR 1=1', 'SLEEP(', 'BENCHMARK(', 'LOAD_FILE(',
      'INTO OUTFILE', 'INTO DUMPFILE', 'sql_log_bin', 'foreign_key_checks', 'unique_checks', '--'])
      expect(both, needle).toContain(needle)
  })
})
