/**
 * Literal-aware text scans the read-only guard needs: where a quoted literal or identifier ends, folding comments
 * to spaces, unwrapping "quoted" identifiers, blanking string contents. The guard is a port of
 * awslabs/aurora_dsql_mcp_server/mutable_sql_detector.py at 1.0.39, so these follow that file's rules (E'' escapes,
 * nested block comments, $tag$ bodies) and are used for detection only; the original SQL is what runs.
 */

function isEscapeStringOpen(sql: string, quote: number): boolean {
  if (quote === 0) return false
  const prev = sql[quote - 1]
  if (prev !== 'E' && prev !== 'e') return false
  return quote - 1 === 0 || !/[A-Za-z0-9_]/.test(sql[quote - 2] ?? '')
}

/** Index just past the single-quoted literal opening at `i` (the text's length when unterminated). */
export function endOfSingleQuote(sql: string, i: number): number {
  const escape = isEscapeStringOpen(sql, i)
  for (let j = i + 1; j < sql.length; j++) {
    const ch = sql[j]
    if (escape && ch === '\\' && j + 1 < sql.length) { j++; continue }
    if (ch === "'") {
      if (sql[j + 1] === "'") { j++; continue }
      return j + 1
    }
  }
  return sql.length
}

/** Index just past the double-quoted identifier opening at `i`. */
export function endOfDoubleQuote(sql: string, i: number): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (sql[j] === '"') {
      if (sql[j + 1] === '"') { j++; continue }
      return j + 1
    }
  }
  return sql.length
}

const DOLLAR_TAG = /\$\w*\$/y

/** Index just past the $tag$...$tag$ body opening at `i`, or undefined when `i` does not open one. */
export function endOfDollarQuote(sql: string, i: number): number | undefined {
  DOLLAR_TAG.lastIndex = i
  const m = DOLLAR_TAG.exec(sql)
  if (!m) return undefined
  const end = sql.indexOf(m[0], i + m[0].length)
  return end === -1 ? sql.length : end + m[0].length
}

/** Replaces `--` and (nested) block comments with one space, leaving literals and identifiers alone. */
export function stripComments(sql: string): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]
    const next = sql[i + 1]
    if (ch === "'" || ch === '"') {
      const end = ch === "'" ? endOfSingleQuote(sql, i) : endOfDoubleQuote(sql, i)
      out += sql.slice(i, end)
      i = end
    } else if (ch === '$' && endOfDollarQuote(sql, i) !== undefined) {
      const end = endOfDollarQuote(sql, i)!
      out += sql.slice(i, end)
      i = end
    } else if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i)
      out += ' '
      i = nl === -1 ? sql.length : nl
    } else if (ch === '/' && next === '*') {
      let depth = 1
      i += 2
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2 }
        else if (sql[i] === '*' && sql[i + 1] === '/') { depth--; i += 2 }
        else i++
      }
      out += ' '
    } else {
      out += ch
      i++
    }
  }
  return out
}

/** Comments folded, then `"name"` unwrapped to ` name `, so neither hides a keyword from the patterns. */
export function normalizeForDetection(sql: string): string {
  return stripComments(sql).replace(/"(\w+)"/g, ' $1 ')
}

/** Blanks the contents of string and dollar-quoted literals (a keyword inside a literal is data, not SQL). */
export function blankStringLiterals(sql: string): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const ch = sql[i]
    if (ch === "'") {
      const end = endOfSingleQuote(sql, i)
      out += sql[end - 1] === "'" && end - 1 > i ? "' '" : "' "
      i = end
    } else if (ch === '"') {
      const end = endOfDoubleQuote(sql, i)
      out += sql.slice(i, end)
      i = end
    } else if (ch === '$' && endOfDollarQuote(sql, i) !== undefined) {
      out += ' '
      i = endOfDollarQuote(sql, i)!
    } else {
      out += ch
      i++
    }
  }
  return out
}
