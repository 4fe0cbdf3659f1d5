/**
 * Text-level helpers for editing JSON/JSONC in place: parse with offsets, layout detection (line ending, indent
 * unit), value formatting and trivia scanning. Used by mcp-json.ts (and mcp-toml.ts for the conflict shape).
 */
import { createScanner, parseTree, printParseErrorCode } from 'jsonc-parser'
import type { Node, ParseError } from 'jsonc-parser'

// jsonc-parser's SyntaxKind is an ambient const enum, which verbatimModuleSyntax cannot read; these are its values.
const Kind = { OpenBrace: 1, CloseBrace: 2, OpenBracket: 3, CloseBracket: 4, Comma: 5, LineComment: 12, BlockComment: 13, LineBreak: 14, Trivia: 15, EOF: 17 } as const

/** An unparsable or unusable config file: where and why. Lines and columns are 1-based. */
export interface ConfigConflict {
  file?: string
  line: number
  column: number
  offset: number
  message: string
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
}

export function conflictAt(text: string, offset: number, message: string, file?: string): ConfigConflict {
  const at = lineColumn(text, offset)
  return file === undefined ? { ...at, offset, message } : { file, ...at, offset, message }
}

/** Deeper than any real client config (they are about 5 levels): such a file is refused before parsing. */
export const MAX_DEPTH = 256

/** The offset of the first `{` or `[` that opens level MAX_DEPTH + 1, found with the (iterative) scanner. */
function tooDeepAt(text: string): number | undefined {
  const scanner = createScanner(text, false)
  let depth = 0
  for (let kind = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.OpenBrace || kind === Kind.OpenBracket) {
      if (++depth > MAX_DEPTH) return scanner.getTokenOffset()
    } else if (kind === Kind.CloseBrace || kind === Kind.CloseBracket) depth--
  }
  return undefined
}

/**
 * Parses JSONC (comments and trailing commas allowed) into a tree with offsets, or a conflict. The tree parser and
 * our walks over it recurse, so nesting deeper than MAX_DEPTH is a conflict here, not a stack overflow later.
 */
export function parseJsonc(text: string): { root: Node } | { conflict: ConfigConflict } {
  const deep = tooDeepAt(text)
  if (deep !== undefined) return { conflict: conflictAt(text, deep, `nested more than ${MAX_DEPTH} levels deep; dbskills does not edit such a file (no MCP client config needs it)`) }
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false })
  const first = errors[0]
  if (first) return { conflict: conflictAt(text, first.offset, `not valid JSON: ${printParseErrorCode(first.error)}`) }
  if (!root || root.type !== 'object') return { conflict: conflictAt(text, root?.offset ?? 0, 'the top level is not a JSON object') }
  return { root }
}

/** The property node named `key` among an object node's children (the last one, as JSON.parse would keep). */
export function property(object: Node, key: string): Node | undefined {
  return (object.children ?? []).filter((p) => p.children?.[0]?.value === key).at(-1)
}

export const valueOf = (prop: Node): Node => prop.children![1]!
export const endOf = (node: Node): number => node.offset + node.length

/** The file's line ending: the first one found, else LF. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n')
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n'
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/** Leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0]
}

export function firstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset))
}

/**
 * The indent unit: the shortest extra indentation of a property line over its object's opening line. Relative, so
 * text we insert (always one unit deeper than its container) never changes the answer. Default two spaces.
 */
export function indentUnit(text: string, root: Node): string {
  let best: string | undefined
  const visit = (node: Node): void => {
    if (node.type === 'object') {
      const base = indentAt(text, node.offset)
      for (const prop of node.children ?? []) {
        if (firstOnLine(text, prop.offset)) {
          const own = indentAt(text, prop.offset)
          const extra = own.startsWith(base) ? own.slice(base.length) : ''
          if (extra !== '' && (best === undefined || extra.length < best.length)) best = extra
        }
      }
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(root)
  return best ?? '  '
}

/** Pretty JSON for a value whose first line continues a line indented by `indent`. */
export function formatValue(value: unknown, indent: string, unit: string, eol: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inner = indent + unit
    return `[${eol}${value.map((v) => inner + formatValue(v, inner, unit, eol)).join(`,${eol}`)}${eol}${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 0) return '{}'
    const inner = indent + unit
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatValue(v, inner, unit, eol)}`)
    return `{${eol}${lines.join(`,${eol}`)}${eol}${indent}}`
  }
  return JSON.stringify(value)
}

export interface Trivia {
  kind: 'space' | 'break' | 'comment'
  offset: number
  end: number
}

/**
 * Tokens of text[from, to): trivia, plus the offset of the first comma. Stops at any other token.
 */
export function scanGap(text: string, from: number, to: number): { trivia: Trivia[]; comma?: number } {
  const scanner = createScanner(text.slice(from, to), false)
  const trivia: Trivia[] = []
  let comma: number | undefined
  for (let kind = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    const offset = from + scanner.getTokenOffset()
    const end = offset + scanner.getTokenLength()
    if (kind === Kind.Trivia) trivia.push({ kind: 'space', offset, end })
    else if (kind === Kind.LineBreak) trivia.push({ kind: 'break', offset, end })
    else if (kind === Kind.LineComment || kind === Kind.BlockComment) trivia.push({ kind: 'comment', offset, end })
    else if (kind === Kind.Comma && comma === undefined) comma = offset
    else break
  }
  return comma === undefined ? { trivia } : { trivia, comma }
}

/** True when the text holds a comment anywhere outside strings. */
export function hasComment(text: string): boolean {
  const scanner = createScanner(text, false)
  for (let kind = scanner.scan(); kind !== Kind.EOF; kind = scanner.scan()) {
    if (kind === Kind.LineComment || kind === Kind.BlockComment) return true
  }
  return false
}

export interface Edit {
  offset: number
  length: number
  content: string
}

/** Applies non-overlapping edits; insertions at the same offset land in the order given. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = text
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.offset - a.e.offset || b.i - a.i)
  for (const { e } of order) out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length)
  return out
}

/**
 * The first thing a strict JSON parser rejects in an otherwise valid JSONC text: a comment or a trailing comma
 * (with `comments`, only the trailing comma: Gemini CLI strips comments, then parses strictly). Undefined when clean.
 */
export function strictJsonProblem(text: string, opts: { comments?: boolean } = {}): ConfigConflict | undefined {
  const errors: ParseError[] = []
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: !opts.comments, allowEmptyContent: false })
  const first = errors[0]
  if (!first) return undefined
  const what = printParseErrorCode(first.error) === 'InvalidCommentToken' ? 'a comment' : 'a trailing comma or other non-JSON syntax'
  return conflictAt(text, first.offset, what)
}
