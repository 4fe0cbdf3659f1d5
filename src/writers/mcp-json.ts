/**
 * Edits MCP server entries in a JSON/JSONC client config (Kiro, Claude Code, Cursor, VS Code, Gemini CLI) by changing
 * only the bytes of our entry: other servers, other keys (Kiro `powers`, VS Code `inputs`), comments, key order,
 * indentation and line endings stay as they were.
 *
 * Inverse by construction: an entry is inserted in one of a few fixed layouts, and removal recognises exactly those
 * layouts and deletes exactly the inserted bytes, so remove(upsert(X)) === X. (jsonc-parser's own `modify` is not
 * used for that reason: its removal does not undo its insertion byte for byte, e.g. around trailing comments.)
 * Whether a created container (`"mcpServers": {}`) goes too cannot be read from the text, since `{}` and
 * `{"mcpServers": {}}` both become the same document; `upsertServer` reports what it created and `removeServer`
 * takes that back as `created`.
 */
import type { Node } from 'jsonc-parser'
import { UserError } from '../core/errors.js'
import type { ConfigConflict, Edit } from './json-text.js'
import {
  applyEdits, conflictAt, endOf, eolOf, firstOnLine, formatValue, hasComment, indentAt, indentUnit, parseJsonc,
  property, scanGap, valueOf,
} from './json-text.js'

import type { McpConfigWriter, RemoveResult, UpsertResult } from './config-writer.js'

export type { ConfigConflict } from './json-text.js'
export type { RemoveResult, UpsertResult } from './config-writer.js'

const BOM = '\uFEFF'

interface Doc { bom: string; text: string; root: Node; containers: Node[] }

/** Unparsable input, or a key on the path that is not an object, as a conflict; undefined when usable. */
export function checkJson(text: string, topKeyPath: readonly string[] = [], file?: string): ConfigConflict | undefined {
  const r = open(text, topKeyPath)
  if ('conflict' in r) return file === undefined ? r.conflict : { ...r.conflict, file }
  return undefined
}

function open(full: string, topKeyPath: readonly string[]): Doc | { conflict: ConfigConflict } {
  const bom = full.startsWith(BOM) ? BOM : ''
  const text = full.slice(bom.length)
  const parsed = parseJsonc(text)
  if ('conflict' in parsed) return parsed
  const containers = [parsed.root]
  for (const key of topKeyPath) {
    const prop = property(containers.at(-1)!, key)
    if (!prop) break
    if (valueOf(prop).type !== 'object') return { conflict: conflictAt(text, valueOf(prop).offset, `"${key}" is not an object`) }
    containers.push(valueOf(prop))
  }
  return { bom, text, root: parsed.root, containers }
}

function openOrThrow(text: string, topKeyPath: readonly string[]): Doc {
  const r = open(text, topKeyPath)
  if (!('conflict' in r)) return r
  const { line, column, message } = r.conflict
  throw new UserError(`MCP config is unusable at line ${line}, column ${column}: ${message}.`, {
    hint: 'Fix the file by hand (or replace it with --force); nothing was written.',
    details: r.conflict,
  })
}

/** Inserts `"key": value` as the last property of `object`, in the layouts removeProperty recognises. */
function insertProperty(text: string, unit: string, object: Node, key: string, value: unknown): Edit[] {
  const eol = eolOf(text)
  const close = endOf(object) - 1
  const props = object.children ?? []
  const last = props.at(-1)
  if (!last) {
    const outer = indentAt(text, object.offset)
    const inner = outer + unit
    const lead = `${eol}${inner}${JSON.stringify(key)}: ${formatValue(value, inner, unit, eol)}`
    // `{}` becomes the natural layout; any other inner text W (spaces, comments) is kept after one more indent.
    const tail = close === object.offset + 1 ? `${eol}${outer}` : `${eol}${inner}`
    return [{ offset: object.offset + 1, length: 0, content: lead + tail }]
  }
  const gap = scanGap(text, endOf(last), close)
  const afterComma = gap.comma === undefined ? endOf(last) : gap.comma + 1
  const lineBreak = gap.trivia.find((t) => t.kind === 'break' && t.offset >= afterComma)
  if (!lineBreak) {
    const compact = `${JSON.stringify(key)}: ${JSON.stringify(value)}`
    return gap.comma === undefined
      ? [{ offset: endOf(last), length: 0, content: `, ${compact}` }]
      : [{ offset: afterComma, length: 0, content: ` ${compact},` }]
  }
  const indent = firstOnLine(text, last.offset) ? indentAt(text, last.offset) : indentAt(text, object.offset) + unit
  const line = `${eol}${indent}${JSON.stringify(key)}: ${formatValue(value, indent, unit, eol)}`
  // Same-line comments after the last property stay on its line: we go in before the line break.
  return gap.comma === undefined
    ? [{ offset: endOf(last), length: 0, content: ',' }, { offset: lineBreak.offset, length: 0, content: line }]
    : [{ offset: lineBreak.offset, length: 0, content: `${line},` }]
}

/** Deletes a property: exactly the inserted bytes for our layouts, a tidy best effort otherwise. */
function removeProperty(text: string, object: Node, prop: Node): Edit[] {
  const props = object.children ?? []
  const i = props.indexOf(prop)
  const next = props[i + 1]
  const close = endOf(object) - 1
  const after = scanGap(text, endOf(prop), next ? next.offset : close)
  const del = (from: number, to: number): Edit => ({ offset: from, length: to - from, content: '' })
  if (next) return [del(prop.offset, next.offset)]
  const prev = props[i - 1]
  const eol = eolOf(text)
  if (!prev) {
    if (after.comma !== undefined) return [del(prop.offset, after.comma + 1)]
    const lead = text.slice(object.offset + 1, prop.offset)
    const tail = text.slice(endOf(prop), close)
    const outer = indentAt(text, object.offset)
    const inner = lead.slice(eol.length)
    const ours = lead.startsWith(eol + outer) && /^[ \t]+$/.test(inner.slice(outer.length))
    if (ours && tail === eol + outer) return [del(object.offset + 1, close)]
    if (ours && tail.startsWith(eol + inner) && tail.length > lead.length) return [del(object.offset + 1, endOf(prop) + lead.length)]
    return [del(prop.offset, endOf(prop))]
  }
  const before = scanGap(text, endOf(prev), prop.offset)
  const comma = before.comma!
  const between = text.slice(comma + 1, prop.offset)
  const breaks = before.trivia.filter((t) => t.offset > comma && t.kind === 'break')
  const onlySpaceAfterBreak = breaks.length === 1 && /^[ \t]*$/.test(text.slice(breaks[0]!.end, prop.offset))
  const start = between === ' ' ? comma + 1 : onlySpaceAfterBreak ? breaks[0]!.offset : undefined
  if (after.comma !== undefined) {
    return start === undefined ? [del(prop.offset, after.comma + 1)] : [del(start, after.comma + 1)]
  }
  if (start !== undefined && comma === endOf(prev)) {
    return between === ' ' ? [del(comma, endOf(prop))] : [del(comma, comma + 1), del(start, endOf(prop))]
  }
  return [del(comma, endOf(prop))]
}

function nest(keys: readonly string[], leaf: unknown): unknown {
  return keys.reduceRight<unknown>((acc, k) => ({ [k]: acc }), leaf)
}

/**
 * Adds or replaces server `name` under `topKeyPath` (e.g. ['mcpServers']). `existingText` undefined (or blank) means
 * the file does not exist yet. Upserting the same entry twice gives the same text as once.
 * @throws UserError (details: ConfigConflict) when the text is not usable JSON/JSONC
 */
export function upsertServer(existingText: string | undefined, topKeyPath: readonly string[], name: string, entry: object): UpsertResult {
  const fresh = existingText === undefined || existingText.trim() === ''
  const doc = openOrThrow(fresh ? '{}\n' : existingText, topKeyPath)
  const { text, root, containers } = doc
  const unit = indentUnit(text, root)
  const depth = containers.length - 1
  const container = containers.at(-1)!
  let edits: Edit[]
  let created: string[] = []
  if (depth < topKeyPath.length) {
    created = topKeyPath.slice(depth)
    edits = insertProperty(text, unit, container, topKeyPath[depth]!, nest([...topKeyPath.slice(depth + 1), name], entry))
  } else {
    const existing = property(container, name)
    if (existing) {
      const value = valueOf(existing)
      const pretty = firstOnLine(text, existing.offset)
      const content = pretty ? formatValue(entry, indentAt(text, existing.offset), unit, eolOf(text)) : JSON.stringify(entry)
      edits = [{ offset: value.offset, length: value.length, content }]
    } else {
      edits = insertProperty(text, unit, container, name, entry)
    }
  }
  return { content: doc.bom + applyEdits(text, edits), created }
}

/**
 * Removes server `name`. With `created` (what upsertServer reported), containers we created are removed as well
 * when nothing else is left in them; so remove(upsert(X).content, …, { created }) === X byte for byte.
 * @throws UserError (details: ConfigConflict) when the text is not usable JSON/JSONC
 */
export function removeServer(existingText: string, topKeyPath: readonly string[], name: string, opts: { created?: readonly string[] } = {}): RemoveResult {
  const doc = openOrThrow(existingText, topKeyPath)
  const { text, containers } = doc
  let content = existingText
  const container = containers.at(-1)!
  const prop = containers.length === topKeyPath.length + 1 ? property(container, name) : undefined
  if (prop) {
    let target = { object: container, prop }
    const firstCreated = topKeyPath.length - (opts.created?.length ?? 0)
    for (let level = topKeyPath.length - 1; level >= firstCreated; level--) {
      if ((containers[level + 1]!.children ?? []).length !== 1) break
      target = { object: containers[level]!, prop: property(containers[level]!, topKeyPath[level]!)! }
    }
    content = doc.bom + applyEdits(text, removeProperty(text, target.object, target.prop))
  }
  return { content, empty: isEmptyDocument(content.replace(/^\uFEFF/, ''), topKeyPath) }
}

function isEmptyDocument(text: string, topKeyPath: readonly string[]): boolean {
  const parsed = parseJsonc(text)
  if ('conflict' in parsed || hasComment(text)) return false
  let node: Node | undefined = parsed.root
  for (let level = 0; node; level++) {
    const props: Node[] = node.children ?? []
    if (props.length === 0) return true
    if (props.length > 1 || level >= topKeyPath.length || props[0]!.children?.[0]?.value !== topKeyPath[level]) return false
    const value: Node = valueOf(props[0]!)
    node = value.type === 'object' ? value : undefined
  }
  return false
}

/**
 * The server entry `name` as a plain value, or undefined when absent.
 * @throws UserError (details: ConfigConflict) when the text is not usable JSON/JSONC
 */
export function readServer(existingText: string, topKeyPath: readonly string[], name: string): unknown {
  const { text, containers } = openOrThrow(existingText, topKeyPath)
  if (containers.length !== topKeyPath.length + 1) return undefined
  const prop = property(containers.at(-1)!, name)
  return prop ? nodeValue(text, valueOf(prop)) : undefined
}

function nodeValue(text: string, node: Node): unknown {
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value as string, nodeValue(text, valueOf(p))]))
  if (node.type === 'array') return (node.children ?? []).map((c) => nodeValue(text, c))
  return node.value
}

/** This format's implementation of the one config-writer interface. */
export const jsonWriter: McpConfigWriter = { check: checkJson, upsertServer, removeServer, readServer }
