/**
 * Splits a SQL file into statements at top-level semicolons (not inside literals, identifiers, $tag$ bodies or
 * comments), each with the 1-based line of its first token, then groups them into transactions the way a
 * migration runner in autocommit mode executes them: BEGIN ... COMMIT is one transaction, any other statement
 * is its own.
 */
import { endOfDollarQuote, endOfDoubleQuote, endOfSingleQuote } from './sql-lexer.js'

export interface LocatedStatement {
  sql: string
  line: number
}

function lineAt(text: string, index: number): number {
  let n = 1
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

export function splitStatements(text: string): LocatedStatement[] {
  const out: LocatedStatement[] = []
  let start = -1 // index of the current statement's first token
  let i = 0
  const flush = (end: number) => {
    if (start !== -1) out.push({ sql: text.slice(start, end).trim(), line: lineAt(text, start) })
    start = -1
  }
  while (i < text.length) {
    const ch = text[i]!
    const next = text[i + 1]
    if (ch === '-' && next === '-') { const nl = text.indexOf('\n', i); i = nl === -1 ? text.length : nl; continue }
    if (ch === '/' && next === '*') {
      let depth = 1
      i += 2
      while (i < text.length && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') { depth++; i += 2 } else if (text[i] === '*' && text[i + 1] === '/') { depth--; i += 2 } else i++
      }
      continue
    }
    if (ch === ';') { flush(i); i++; continue }
    if (/\s/.test(ch)) { i++; continue }
    if (start === -1) start = i
    if (ch === "'") i = endOfSingleQuote(text, i)
    else if (ch === '"') i = endOfDoubleQuote(text, i)
    else if (ch === '$' && endOfDollarQuote(text, i) !== undefined) i = endOfDollarQuote(text, i)!
    else i++
  }
  flush(text.length)
  return out
}

const BEGIN = /^(BEGIN|START\s+TRANSACTION)\b/i
const END = /^(COMMIT|END)\b/i
const ROLLBACK = /^ROLLBACK\b/i

export interface TransactionGroup {
  statements: LocatedStatement[]
  /** The BEGIN line, for an explicit block. */
  line: number
  /** An explicit block that ends in ROLLBACK: lint it, run it, discard it. */
  rolledBack: boolean
  /** The block's own BEGIN / START TRANSACTION text, options included. */
  begin?: string
}

export function groupTransactions(statements: readonly LocatedStatement[]): TransactionGroup[] {
  const groups: TransactionGroup[] = []
  let open: TransactionGroup | undefined
  for (const s of statements) {
    if (!open && BEGIN.test(s.sql)) { open = { statements: [], line: s.line, rolledBack: false, begin: s.sql }; continue }
    if (open && (END.test(s.sql) || ROLLBACK.test(s.sql))) {
      open.rolledBack = ROLLBACK.test(s.sql)
      groups.push(open)
      open = undefined
      continue
    }
    if (open) open.statements.push(s)
    else groups.push({ statements: [s], line: s.line, rolledBack: false })
  }
  if (open) groups.push(open)
  return groups.filter((g) => g.statements.length > 0)
}
