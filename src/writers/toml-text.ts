/**
 * A line-level reading of TOML for targeted edits: which lines are table headers (outside strings and multi-line
 * arrays), which are blank or comment-only, and a renderer for one table of plain values. Parsing proper is
 * smol-toml's job; this only finds where things are, since smol-toml's stringify would drop the user's comments.
 */

export interface TomlLine {
  /** Offset of the first character and of the line end (after its line break, if any). */
  start: number
  end: number
  kind: 'header' | 'blank' | 'comment' | 'content'
  /** For headers: the dotted key path, unquoted. */
  path?: string[]
  arrayTable?: boolean
}

const BARE = /^[A-Za-z0-9_-]+$/

/** Splits a dotted key (`a."b.c".d`) into its parts, or undefined when malformed. */
export function splitKey(key: string): string[] | undefined {
  const parts: string[] = []
  let rest = key.trim()
  while (rest !== '') {
    const m = /^(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*/.exec(rest)
    if (!m) return undefined
    parts.push(m[1] ?? (m[2] !== undefined ? (JSON.parse(`"${m[2]}"`) as string) : m[3]!))
    rest = rest.slice(m[0].length)
    if (rest === '') break
    if (!rest.startsWith('.')) return undefined
    rest = rest.slice(1).trimStart()
  }
  return parts.length > 0 ? parts : undefined
}

export function quoteKey(key: string): string {
  return BARE.test(key) ? key : JSON.stringify(key)
}

function header(line: string): { path: string[]; arrayTable: boolean } | undefined {
  const m = /^[ \t]*(\[\[?)((?:[^\]"']|"(?:[^"\\]|\\.)*"|'[^']*')+)(\]\]?)[ \t]*(?:#.*)?$/.exec(line)
  if (!m || m[1]!.length !== m[3]!.length) return undefined
  const path = splitKey(m[2]!)
  return path ? { path, arrayTable: m[1] === '[[' } : undefined
}

/** Classifies every line of a (valid) TOML document. */
export function scanLines(text: string): TomlLine[] {
  const lines: TomlLine[] = []
  let depth = 0
  let inString: '"""' | "'''" | undefined
  let pos = 0
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos)
    const end = nl === -1 ? text.length : nl + 1
    const raw = text.slice(pos, end).replace(/\r?\n$/, '')
    const startsFree = depth === 0 && inString === undefined
    const h = startsFree ? header(raw) : undefined
    let kind: TomlLine['kind'] = 'content'
    if (h) kind = 'header'
    else if (startsFree && /^[ \t]*$/.test(raw)) kind = 'blank'
    else if (startsFree && /^[ \t]*#/.test(raw)) kind = 'comment'
    if (!h) ({ depth, inString } = advance(raw, depth, inString))
    lines.push(h ? { start: pos, end, kind, path: h.path, arrayTable: h.arrayTable } : { start: pos, end, kind })
    pos = end
  }
  return lines
}

/** Carries bracket depth and multi-line string state across one line. */
function advance(line: string, depth: number, inString: '"""' | "'''" | undefined): { depth: number; inString: '"""' | "'''" | undefined } {
  let i = 0
  while (i < line.length) {
    if (inString) {
      const close = inString === '"""' ? findClose(line, i, '"""') : line.indexOf("'''", i)
      if (close === -1) return { depth, inString }
      i = close + 3
      while (line[i] === inString[0]) i++ // up to two quotes may end the string content
      inString = undefined
      continue
    }
    const c = line[i]!
    if (c === '#') break
    if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
      inString = line.slice(i, i + 3) as '"""' | "'''"
      i += 3
      continue
    }
    if (c === '"') i = findClose(line, i + 1, '"') + 1 || line.length
    else if (c === "'") i = line.indexOf("'", i + 1) + 1 || line.length
    else {
      if (c === '[' || c === '{') depth++
      else if (c === ']' || c === '}') depth = Math.max(0, depth - 1)
      i++
    }
  }
  return { depth, inString }
}

/** Index of the closing delimiter at or after `from`, skipping backslash escapes; -1 if none on this line. */
function findClose(line: string, from: number, delim: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++
    else if (line.startsWith(delim, i)) return i
  }
  return -1
}

function tomlString(s: string): string {
  // JSON escapes are valid TOML basic-string escapes; DEL must be escaped in TOML but not in JSON.
  return JSON.stringify(s).replace(/\x7f/g, '\\u007F')
}

export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${quoteKey(k)} = ${tomlValue(v)}`)
    return pairs.length === 0 ? '{}' : `{ ${pairs.join(', ')} }`
  }
  throw new TypeError(`cannot write ${String(value)} as TOML`)
}

/** `[a.b]` followed by one `key = value` line per entry field, every line ending in `eol`. */
export function renderTable(path: readonly string[], entry: object, eol: string): string {
  const lines = [`[${path.map(quoteKey).join('.')}]`]
  for (const [k, v] of Object.entries(entry)) if (v !== undefined) lines.push(`${quoteKey(k)} = ${tomlValue(v)}`)
  return lines.join(eol) + eol
}
