// The sandbox's pure pieces, one line per case: the real server's read-only guard and injection heuristics
// (ported from mutable_sql_detector.py 1.0.39), psycopg's %s binding, the statement splitter, ASYNC stripping and
// the pydantic-style argument validation.
import { describe, expect, it } from 'vitest'
import { validateArguments } from '../../src/sandbox/arguments.js'
import { checkInjectionRisk, detectMutatingKeywords, detectTransactionBypass } from '../../src/sandbox/guard.js'
import { bindPlaceholders, placeholdersForLint } from '../../src/sandbox/placeholders.js'
import { groupTransactions, splitStatements } from '../../src/sandbox/sql-split.js'
import { toolSpecs } from '../../src/sandbox/tool-specs.js'
import { syncFormOf } from '../../src/sandbox/transaction.js'

describe('read-only gate', () => {
  it.each([
    ['SELECT * FROM notes', []],
    ["SELECT 'INSERT INTO x' AS a", []],
    ['EXPLAIN ANALYZE SELECT 1', []],
    ['INSERT INTO t VALUES (1)', ['INSERT']],
    ['CREATE INDEX ASYNC i ON t (a)', ['DDL', 'CREATE']],
    ['SELECT * FROM t FOR UPDATE', ['UPDATE']],
    ['SELECT replace(a, \'x\', \'y\') FROM t', ['REPLACE']],
    ['SET search_path = x', ['SESSION_MUTATION']],
    ['SELECT set_config(\'a\', \'b\', false)', ['SESSION_MUTATION']],
    ['SELECT nextval(\'s\')', ['STATEMENT_KEYWORD']],
    ['/* c */ DROP TABLE t', ['DDL', 'DROP']],
  ])('%s -> %j', (sql, found) => expect(detectMutatingKeywords(sql)).toEqual(found))
})

describe('injection heuristics', () => {
  it.each([
    ['SELECT 1', true, undefined],
    ['SELECT 1 UNION SELECT 2', true, 'union_select'],
    ['SELECT 1 UNION SELECT 2', false, undefined],
    ['SELECT 1; SELECT 2', false, 'stacked_query'],
    ['SELECT 1;', false, undefined],
    ["SELECT * FROM t WHERE a = 'x' -- note", false, 'comment_injection'],
    ['SELECT * FROM t WHERE a = 1 OR 1=1', false, 'numeric_tautology'],
    ['SELECT pg_sleep(1)', false, 'pg_sleep_time_based'],
    ['SELECT pg_terminate_backend(1)', false, 'dangerous_function'],
    ["SELECT * FROM t WHERE x LIKE '%dblink(%'", false, undefined],
    ['DROP TABLE t', true, 'drop'],
    ['DROP TABLE t', false, undefined],
  ])('%s (read-only %s) -> %s', (sql, readOnly, label) => expect(checkInjectionRisk(sql, readOnly)[0]?.label).toBe(label))

  it('flags stacked statements as a bypass, not a trailing semicolon or comment (a ; inside a literal too, as upstream)', () => {
    expect([detectTransactionBypass('COMMIT; INSERT INTO t VALUES (1)'), detectTransactionBypass('SELECT 1; -- x'), detectTransactionBypass("SELECT ';x'")]).toEqual([true, false, true])
  })
})

describe('psycopg placeholders', () => {
  it.each([
    ['SELECT %s, %s', [1, 'a'], 'SELECT $1, $2'],
    ["SELECT '100%%' || %s", ['x'], "SELECT '100%' || $1"],
    ['SELECT 5 % 2', null, 'SELECT 5 % 2'],
  ])('%s', (sql, params, text) => expect(bindPlaceholders(sql, params).text).toBe(text))

  it.each([
    ['SELECT %s', [], 'the query has 1 placeholder but 0 parameters were passed'],
    ['SELECT 5 % 2', [], "only '%s', '%b', '%t' are allowed as placeholders, got '% '"],
    ['SELECT 5 %', [], "incomplete placeholder: '%'"],
  ])('%s is refused', (sql, params, message) => expect(() => bindPlaceholders(sql, params)).toThrow(message))

  it('numbers placeholders for the linter only when parameters are bound', () => {
    expect([placeholdersForLint('a = %s AND b = %s', true), placeholdersForLint('a % 2', false)]).toEqual(['a = $1 AND b = $2', 'a % 2'])
  })
})

describe('statement splitter', () => {
  it('splits at top-level semicolons with each statement\'s line', () => {
    const sql = "-- m\nCREATE TABLE a (x text DEFAULT ';');\n\nINSERT INTO a VALUES ($$;$$); /* ; */ SELECT 1\n"
    expect(splitStatements(sql)).toEqual([
      { sql: "CREATE TABLE a (x text DEFAULT ';')", line: 2 },
      { sql: 'INSERT INTO a VALUES ($$;$$)', line: 4 },
      { sql: 'SELECT 1', line: 4 },
    ])
  })

  it('groups BEGIN...COMMIT blocks, other statements alone', () => {
    const groups = groupTransactions(splitStatements('SELECT 1;\nBEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 2;\nSELECT 3;\nCOMMIT;\nSELECT 4;'))
    expect(groups.map((g) => [g.line, g.begin, g.statements.map((s) => s.sql)])).toEqual([
      [1, undefined, ['SELECT 1']],
      [2, 'BEGIN ISOLATION LEVEL SERIALIZABLE', ['SELECT 2', 'SELECT 3']],
      [6, undefined, ['SELECT 4']],
    ])
  })
})

describe('ASYNC DDL', () => {
  it.each([
    ['CREATE INDEX ASYNC i ON t (a)', 'CREATE INDEX i ON t (a)', 'INDEX_BUILD'],
    ['create unique index async if not exists i on t (a)', 'create unique index if not exists i on t (a)', 'INDEX_BUILD'],
    ['-- c\nALTER TABLE ASYNC t VALIDATE CONSTRAINT c', '-- c\nALTER TABLE t VALIDATE CONSTRAINT c', 'VALIDATE_CONSTRAINT'],
  ])('%s', (sql, sync, kind) => expect(syncFormOf(sql)).toEqual({ sql: sync, kind }))

  it('leaves other statements alone', () => expect(syncFormOf('CREATE INDEX i ON t (a)')).toBeUndefined())
})

describe('tool arguments', () => {
  const spec = (name: string) => toolSpecs(true).find((t) => t.name === name)!
  it('fills defaults and parses JSON text given for a list', () => {
    expect(validateArguments(spec('transact'), { sql_list: '["SELECT 1"]', extra: 1 })).toEqual({ sql_list: ['SELECT 1'], params_list: null })
  })
  it('lists every problem the way pydantic does', () => {
    expect(() => validateArguments(spec('dsql_lint'), { fix: 'yes' })).toThrow(
      '2 validation errors for dsql_lintArguments\nsql\n  Field required [type=missing, input_value={"fix":"yes"}, input_type=dict]\nfix\n  Input should be a valid boolean [type=bool_type, input_value="yes", input_type=str]',
    )
  })
})
