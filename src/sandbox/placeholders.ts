/**
 * psycopg 3's client-side placeholder rules, which the real server inherits: with a parameter list, every `%s`
 * (or `%b`, `%t`) becomes a server-side `$n`, `%%` becomes `%`, and any other `%` sequence is an error, even
 * inside a string literal; without a parameter list (null) the text is sent untouched.
 */
export class PlaceholderError extends Error {}

export interface BoundQuery {
  text: string
  values: unknown[]
}

/** Converts `sql` and `params` the way psycopg does; throws PlaceholderError with psycopg's wording. */
export function bindPlaceholders(sql: string, params: readonly unknown[] | null | undefined): BoundQuery {
  if (params === null || params === undefined) return { text: sql, values: [] }
  let n = 0
  let bad: string | undefined
  const text = sql.replace(/%(.|$)/gs, (_m, c: string) => {
    if (c === '%') return '%'
    if (c === 's' || c === 'b' || c === 't') return `$${++n}`
    bad ??= c === '' ? '%' : `%${c}`
    return ''
  })
  if (bad === '%') throw new PlaceholderError('incomplete placeholder: \'%\'; if you want to use \'%\' as an operator you can double it up, i.e. use \'%%\'')
  if (bad !== undefined) throw new PlaceholderError(`only '%s', '%b', '%t' are allowed as placeholders, got '${bad}'`)
  if (n !== params.length) throw new PlaceholderError(`the query has ${n} placeholder${n === 1 ? '' : 's'} but ${params.length} parameter${params.length === 1 ? ' was' : 's were'} passed`)
  return { text, values: params.map(adaptValue) }
}

/** psycopg adapts a dict or list to json/array; PGlite needs objects serialised, arrays kept. */
function adaptValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return JSON.stringify(v)
  return v
}

/** For linting only: the same text with `%s` as `$n`, so PostgreSQL's grammar (and dsql-lint) can parse it. */
export function placeholdersForLint(sql: string, hasParams: boolean): string {
  if (!hasParams) return sql
  let n = 0
  return sql.replace(/%([%sbt])/g, (_m, c: string) => (c === '%' ? '%' : `$${++n}`))
}
