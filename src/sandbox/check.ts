/**
 * `dbskills sandbox dsql --check <file.sql>...`: runs migration files, in order, through the sandbox's rules on a
 * throwaway in-memory database and stops at the first violation with its file and line. Files share the one
 * database, so a later migration sees the tables an earlier one created.
 */
import { readFile } from 'node:fs/promises'
import type { PGlite } from './database.js'
import type { Linter } from './lint.js'
import { groupTransactions, splitStatements } from './sql-split.js'
import { lintTransaction, runTransaction, SqlError } from './transaction.js'

export interface Violation {
  file: string
  line: number
  code: string
  /** dsql-lint rule id, when the linter rejected the statement. */
  rule?: string
  message: string
  statement: string
}

export interface CheckReport {
  ok: boolean
  files: string[]
  statements: number
  transactions: number
  violation?: Violation
}

export async function checkFiles(db: PGlite, linter: Linter, files: readonly { path: string; display: string }[]): Promise<CheckReport> {
  const report: CheckReport = { ok: true, files: files.map((f) => f.display), statements: 0, transactions: 0 }
  for (const file of files) {
    const groups = groupTransactions(splitStatements(await readFile(file.path, 'utf8')))
    for (const group of groups) {
      const statements = group.statements.map((s) => ({ sql: s.sql, params: null }))
      try {
        const rejected = await lintTransaction(linter, statements, group.begin)
        if (rejected) throw rejected
        await runTransaction(db, statements, { readOnly: false, rollback: group.rolledBack })
      } catch (e) {
        const err = e instanceof SqlError ? e : new SqlError((e as Error).message, 'XX000')
        const located = err.statement === undefined ? undefined : group.statements[err.statement]
        report.ok = false
        report.violation = {
          file: file.display,
          line: located ? located.line + err.lineInStatement : group.line,
          code: err.code,
          ...(err.rule ? { rule: err.rule } : {}),
          message: err.message,
          statement: (located?.sql ?? group.statements[0]!.sql).split('\n')[0]!.slice(0, 120),
        }
        return report
      }
      report.statements += statements.length
      report.transactions++
    }
  }
  return report
}
