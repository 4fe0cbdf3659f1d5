/**
 * Edits one `[mcp_servers.<name>]` table in a Codex config.toml with targeted text edits: every other byte
 * (comments, other tables, blank lines, CRLF) stays. smol-toml validates input and output; its stringify is never
 * used on the user's file because it drops comments.
 *
 * Layout that makes removal exact: a new table is appended at the end of the file after one line break (so after a
 * blank line when the file already ended with one), and it ends with a line break. Removal of a table that is still
 * the last thing in the file deletes the table and that one line break, giving back the original bytes.
 */
import { parse, TomlError } from 'smol-toml'
import { InternalError, UserError } from '../core/errors.js'
import type { ConfigConflict } from './json-text.js'
import { eolOf } from './json-text.js'
import type { TomlLine } from './toml-text.js'
import { renderTable, scanLines } from './toml-text.js'
import type { McpConfigWriter, RemoveResult, UpsertResult } from './config-writer.js'

const BOM = '\uFEFF'

/**
 * Unparsable TOML, or a `topKeyPath` value that is not a table, as a conflict with line and column; undefined when
 * the text is usable.
 */
export function checkToml(text: string, topKeyPath: readonly string[] = [], file?: string): ConfigConflict | undefined {
  try {
    const doc = parse(text.replace(/^\uFEFF/, ''))
    const top = lookup(doc, topKeyPath)
    if (top === undefined || (typeof top === 'object' && top !== null && !Array.isArray(top) && !(top instanceof Date))) return undefined
    const at = Math.max(0, text.search(new RegExp(`^\\s*${topKeyPath.at(-1)}\\s*=`, 'm')))
    const line = text.slice(0, at).split('\n').length
    const conflict = { line, column: 1, offset: at, message: `"${topKeyPath.join('.')}" is not a table` }
    return file === undefined ? conflict : { file, ...conflict }
  } catch (err) {
    if (!(err instanceof TomlError)) throw err
    const message = `not valid TOML: ${err.message.replace(/^Invalid TOML document: /, '').split('\n')[0]}`
    const conflict = { line: err.line, column: err.column, offset: offsetOf(text, err.line, err.column), message }
    return file === undefined ? conflict : { file, ...conflict }
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1
  return offset + column - 1
}

function parseOrThrow(text: string, topKeyPath: readonly string[] = []): Record<string, unknown> {
  const conflict = checkToml(text, topKeyPath)
  if (conflict) {
    throw new UserError(`MCP config is unusable at line ${conflict.line}, column ${conflict.column}: ${conflict.message}.`, {
      hint: 'Fix the file by hand (or replace it with --force); nothing was written.',
      details: conflict,
    })
  }
  return parse(text) as Record<string, unknown>
}

function lookup(doc: unknown, path: readonly string[]): unknown {
  let node = doc
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

const samePath = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length >= b.length && b.every((k, i) => a[i] === k)

/** Where our table is: [start, end) from its header to the end of its last non-comment line. */
function findTable(text: string, path: readonly string[]): { start: number; end: number } | 'elsewhere' | undefined {
  const lines = scanLines(text)
  const at = lines.findIndex((l) => l.kind === 'header' && !l.arrayTable && l.path!.length === path.length && samePath(l.path, path))
  if (at === -1) return lookup(parse(text), path) === undefined ? undefined : 'elsewhere'
  let last: TomlLine = lines[at]!
  let i = at + 1
  for (; i < lines.length; i++) {
    const line = lines[i]!
    if (line.kind === 'header' && !samePath(line.path, path)) break
    if (line.kind === 'header' || line.kind === 'content') last = line
  }
  if (lines.slice(i).some((l) => l.kind === 'header' && samePath(l.path, path))) return 'elsewhere'
  return { start: lines[at]!.start, end: last.end }
}

function notEditable(path: readonly string[]): UserError {
  return new UserError(`The MCP entry ${path.join('.')} is written in a form we do not edit (an inline table, dotted keys, or split tables).`, {
    hint: `Rewrite it as one [${path.join('.')}] table, or remove it and re-run.`,
  })
}

/**
 * Adds or replaces table `[<topKeyPath>.<name>]`. `existingText` undefined means the file does not exist yet.
 * @throws UserError (details: ConfigConflict) for unparsable TOML; UserError when our entry is in a form we do not edit
 */
export function upsertServer(existingText: string | undefined, topKeyPath: readonly string[], name: string, entry: object): UpsertResult {
  const full = existingText ?? ''
  const bom = full.startsWith(BOM) ? BOM : ''
  const text = full.slice(bom.length)
  parseOrThrow(text, topKeyPath)
  const path = [...topKeyPath, name]
  const eol = eolOf(text)
  const table = renderTable(path, entry, eol)
  const found = findTable(text, path)
  if (found === 'elsewhere') throw notEditable(path)
  const content = found
    ? text.slice(0, found.start) + table + text.slice(found.end)
    : text + (text === '' ? '' : eol) + table
  const broken = checkToml(content, topKeyPath)
  if (broken) {
    throw new UserError(`Cannot add [${path.join('.')}] to this file: the result would not be valid TOML (${broken.message}).`, {
      hint: `The file probably defines ${topKeyPath.join('.')} inline; rewrite it as [${topKeyPath.join('.')}.<name>] tables and re-run.`,
    })
  }
  const check = lookup(parse(content), path)
  if (JSON.stringify(check) !== JSON.stringify(JSON.parse(JSON.stringify(entry)))) {
    throw new InternalError(`TOML edit of ${path.join('.')} did not read back as written`)
  }
  return { content: bom + content, created: [] }
}

/**
 * Removes table `[<topKeyPath>.<name>]` and the line break we added before it. `opts` exists for symmetry with the
 * JSON writer: TOML tables need no container, so nothing else is ever created.
 * @throws UserError (details: ConfigConflict) for unparsable TOML
 */
export function removeServer(existingText: string, topKeyPath: readonly string[], name: string, _opts: { created?: readonly string[] } = {}): RemoveResult {
  const bom = existingText.startsWith(BOM) ? BOM : ''
  const text = existingText.slice(bom.length)
  parseOrThrow(text, topKeyPath)
  const path = [...topKeyPath, name]
  const found = findTable(text, path)
  if (found === 'elsewhere') throw notEditable(path)
  if (!found) return { content: existingText, empty: text.trim() === '' }
  const eol = eolOf(text)
  // Exactly what upsert inserted: the table's lines (found.end includes the last one's line break), and the one line break before
  // its header (a blank line, or the break that terminated an unterminated last line). This holds in any order
  // of removal when several of our tables were appended one after another.
  const start = text.slice(0, found.start).endsWith(eol) ? found.start - eol.length : found.start
  const content = text.slice(0, start) + text.slice(found.end)
  return { content: bom + content, empty: content.trim() === '' }
}

/**
 * The server table `name` as a plain value, or undefined when absent.
 * @throws UserError (details: ConfigConflict) for unparsable TOML
 */
export function readServer(existingText: string, topKeyPath: readonly string[], name: string): unknown {
  const value = lookup(parseOrThrow(existingText.replace(/^\uFEFF/, ''), topKeyPath), [...topKeyPath, name])
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

/** This format's implementation of the one config-writer interface. */
export const tomlWriter: McpConfigWriter = { check: checkToml, upsertServer, removeServer, readServer }
