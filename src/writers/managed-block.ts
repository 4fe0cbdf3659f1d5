/**
 * Managed blocks: our steering inside a file the user owns (CLAUDE.md, AGENTS.md). Only the lines between
 *
 *   <!-- dbskills:begin <id> -->
 *   <!-- dbskills:end <id> -->
 *
 * are ours. Guarantees, for any text X without a block `id` (checked by a property test):
 * - removeBlock(upsertBlock(X, id, b), id) === X, byte for byte (no trailing newline, CRLF, lone CR included);
 * - upsertBlock on its own output with the same body changes nothing; with a new body only the block changes;
 * - several ids coexist, and removing them in any order returns X.
 * Markers are recognised only as whole lines, so a marker quoted inside a sentence is text. Malformed markers
 * (a begin without end, a second begin, an end without begin, a block twice) are returned as conflicts with
 * their line number; we never guess which lines are ours.
 */
import { InternalError, UserError } from '../core/errors.js'

export type BlockConflictReason =
  | 'begin-without-end' | 'end-without-begin' | 'duplicate-begin' | 'nested-begin' | 'mismatched-end' | 'duplicate-block' | 'invalid-id'

/** A marker problem that stops us editing the file. `line` is 1-based. */
export interface BlockConflict {
  kind: 'managed-block'
  reason: BlockConflictReason
  id: string
  line: number
  /** What happened and how to fix it; the caller prefixes the file name. */
  message: string
}

/** A well-formed block: character offsets of its first marker and just past its last line (terminator included). */
export interface BlockSpan { id: string; start: number; end: number; beginLine: number; endLine: number }

export type UpsertResult = { content: string } | { conflicts: BlockConflict[] }
/** `empty`: only whitespace is left (a file we created can then be deleted). `removed`: a block was found. */
export type RemoveResult = { content: string; empty: boolean; removed: boolean } | { conflicts: BlockConflict[] }

/** Thrown by `readBlock` when the markers are malformed; `details` holds the conflicts. */
export class BlockConflictError extends UserError {
  readonly conflicts: BlockConflict[]
  constructor(conflicts: BlockConflict[]) {
    super(conflicts.map((c) => c.message).join('\n'), { details: conflicts })
    this.name = 'BlockConflictError'
    this.conflicts = conflicts
  }
}

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t'

/**
 * A marker line `<!-- dbskills:begin|end <id> [anything] -->` (spaces and tabs around), without its line break.
 * A scan, not a regex: the regex this replaces backtracked quadratically on a long line that starts like a marker
 * (a 160 KB line took seconds), and every run reads every line of CLAUDE.md/AGENTS.md. Linear in the line length.
 */
export function parseMarker(line: string): { kind: 'begin' | 'end'; id: string } | undefined {
  let a = 0
  let b = line.length
  while (a < b && isBlank(line[a])) a++
  while (b > a && isBlank(line[b - 1])) b--
  if (!line.startsWith('<!--', a) || b - a < 7 || !line.startsWith('-->', b - 3)) return undefined
  let i = a + 4
  const end = b - 3
  while (i < end && isBlank(line[i])) i++
  if (!line.startsWith('dbskills:', i)) return undefined
  i += 9
  const kind = line.startsWith('begin', i) ? 'begin' : line.startsWith('end', i) ? 'end' : undefined
  if (!kind) return undefined
  i += kind.length
  if (!isBlank(line[i]) || i >= end) return undefined
  while (i < end && isBlank(line[i])) i++
  const idStart = i
  while (i < end && line[i] !== '>' && !/\s/.test(line[i]!)) i++
  if (i === idStart) return undefined
  // After the id: nothing, or a space/tab then any text without a line break.
  if (i < end && (!isBlank(line[i]) || /[\r\n]/.test(line.slice(i, end)))) return undefined
  return { kind, id: line.slice(idStart, i) }
}

/** The line without its terminator (\n or \r\n). */
const stripEol = (text: string): string => (text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text)

export const beginMarker = (id: string): string => `<!-- dbskills:begin ${id} -->`
export const endMarker = (id: string): string => `<!-- dbskills:end ${id} -->`

/** Narrows an upsert/remove result to its conflicts. */
export function isConflict(result: UpsertResult | RemoveResult): result is { conflicts: BlockConflict[] } {
  return 'conflicts' in result
}

interface Line { text: string; start: number; end: number; number: number }

/** Lines with their terminators; a final line without '\n' is kept. A leading BOM belongs to no line, so it survives. */
function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = text.startsWith('\uFEFF') ? 1 : 0
  while (start < text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl + 1
    lines.push({ text: text.slice(start, end), start, end, number: lines.length + 1 })
    start = end
  }
  return lines
}

/** Every well-formed block and every marker conflict in `text`, in file order. */
export function inspectBlocks(text: string): { blocks: BlockSpan[]; conflicts: BlockConflict[] } {
  const blocks: BlockSpan[] = []
  const conflicts: BlockConflict[] = []
  const conflict = (reason: BlockConflictReason, id: string, line: number, message: string): void => {
    conflicts.push({ kind: 'managed-block', reason, id, line, message: `line ${line}: ${message}` })
  }
  let open: { id: string; line: Line } | undefined
  for (const line of splitLines(text)) {
    const marker = parseMarker(stripEol(line.text))
    if (!marker) continue
    const { kind, id } = marker
    if (!ID_RE.test(id)) {
      conflict('invalid-id', id, line.number, `dbskills marker with an invalid block id ${JSON.stringify(id)}. Correct or delete that line.`)
    } else if (kind === 'begin') {
      if (open) {
        const reason = open.id === id ? 'duplicate-begin' : 'nested-begin'
        conflict(reason, id, line.number, `second begin marker for block "${id}" while block "${open.id}" (line ${open.line.number}) is still open. Delete the extra marker.`)
      } else {
        open = { id, line }
      }
    } else if (!open) {
      conflict('end-without-begin', id, line.number, `end marker for block "${id}" without a begin marker. Delete it, or restore "${beginMarker(id)}" above the block.`)
    } else if (open.id !== id) {
      conflict('mismatched-end', id, line.number, `end marker for block "${id}" inside block "${open.id}" (begun on line ${open.line.number}). Fix the markers by hand.`)
    } else {
      if (blocks.some((b) => b.id === id)) {
        conflict('duplicate-block', id, open.line.number, `block "${id}" appears a second time. Delete one copy, markers included.`)
      } else {
        blocks.push({ id, start: open.line.start, end: line.end, beginLine: open.line.number, endLine: line.number })
      }
      open = undefined
    }
  }
  if (open) conflict('begin-without-end', open.id, open.line.number, `block "${open.id}" has no end marker. Add "${endMarker(open.id)}" after the block, or delete the block.`)
  return { blocks, conflicts }
}

/** The dominant line ending of `text` (CRLF only when it outnumbers LF), or undefined when it has none. */
function detectEol(text: string): '\n' | '\r\n' | undefined {
  const crlf = text.match(/\r\n/g)?.length ?? 0
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf
  if (crlf === 0 && lf === 0) return undefined
  return crlf > lf ? '\r\n' : '\n'
}

/** The body as stored and as `readBlock` returns it: LF line endings, exactly one final newline. */
function canonicalBody(id: string, body: string): string {
  const text = body.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  if (text.trim() === '') throw new InternalError(`managed block "${id}": the body is empty`)
  if (text.split('\n').some((line) => parseMarker(line) !== undefined)) {
    throw new InternalError(`managed block "${id}": the body contains a dbskills marker line, which would corrupt the block`)
  }
  return `${text}\n`
}

function blockText(id: string, body: string, eol: string, terminated: boolean): string {
  const lines = [beginMarker(id), ...body.replace(/\n$/, '').split('\n'), endMarker(id)]
  return lines.join(eol) + (terminated ? eol : '')
}

function checkId(id: string): void {
  if (!ID_RE.test(id)) throw new InternalError(`managed block id ${JSON.stringify(id)} must match ${ID_RE}`)
}

/**
 * Inserts block `id` at the end of `existing` (after one line break), or replaces it in place when present.
 * The block uses the file's line endings; a new file gets LF.
 */
export function upsertBlock(existing: string | undefined, id: string, body: string): UpsertResult {
  checkId(id)
  const canonical = canonicalBody(id, body)
  const text = existing ?? ''
  if (text === '') return { content: blockText(id, canonical, '\n', true) }
  const { blocks, conflicts } = inspectBlocks(text)
  if (conflicts.length > 0) return { conflicts }
  const span = blocks.find((b) => b.id === id)
  if (span) {
    const before = text.slice(0, span.start)
    const after = text.slice(span.end)
    // Keep the endings the block already has: it was written in the file's style, and if the user converted
    // the file since, the block was converted with it. Re-deriving them from the rest could flip a tie.
    const eol = detectEol(text.slice(span.start, span.end)) ?? '\n'
    return { content: before + blockText(id, canonical, eol, text.slice(0, span.end).endsWith('\n')) + after }
  }
  const eol = detectEol(text) ?? '\n'
  // Exactly one line break goes before the block; removal takes exactly one back. After a lone CR it must be
  // CRLF, or removal would see CRLF and take the user's CR too.
  const separator = text.endsWith('\r') ? '\r\n' : eol
  return { content: text + separator + blockText(id, canonical, eol, true) }
}

const ENDS_BLANK = /(?:^|\n)\r?\n$/

/**
 * Deletes block `id` and the one line break that separates it. At the end of the file that is the line break
 * before it (the one upsertBlock added). Elsewhere it is the blank line after it, but only where dropping it
 * cannot glue two paragraphs together: at the top, after a blank line, or before another of our blocks.
 */
export function removeBlock(existing: string, id: string): RemoveResult {
  checkId(id)
  const { blocks, conflicts } = inspectBlocks(existing)
  if (conflicts.length > 0) return { conflicts }
  const span = blocks.find((b) => b.id === id)
  if (!span) return { content: existing, empty: existing.trim() === '', removed: false }
  let before = existing.slice(0, span.start)
  let after = existing.slice(span.end)
  const blankAfter = /^\r?\n/.exec(after)
  if (after === '') {
    const cut = before.endsWith('\r\n') ? 2 : before.endsWith('\n') ? 1 : 0
    before = before.slice(0, before.length - cut)
  } else if (blankAfter) {
    const next = after.slice(blankAfter[0].length)
    const ours = parseMarker(stripEol(next.slice(0, next.indexOf('\n') + 1 || undefined)))?.kind === 'begin'
    if (before === '' || ENDS_BLANK.test(before) || ours) after = next
  }
  const content = before + after
  return { content, empty: content.trim() === '', removed: true }
}

/**
 * The body of block `id` (LF line endings, one final newline), or undefined when the file has no such block.
 * @throws BlockConflictError when the file's markers are malformed
 */
export function readBlock(existing: string, id: string): string | undefined {
  const { blocks, conflicts } = inspectBlocks(existing)
  if (conflicts.length > 0) throw new BlockConflictError(conflicts)
  const span = blocks.find((b) => b.id === id)
  if (!span) return undefined
  const lines = splitLines(existing.slice(span.start, span.end)).map((l) => stripEol(l.text))
  return `${lines.slice(1, -1).join('\n')}\n`
}
