import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BlockConflictError, beginMarker, endMarker, inspectBlocks, isConflict, parseMarker, readBlock, removeBlock, upsertBlock,
  type BlockConflict, type RemoveResult, type UpsertResult,
} from '../../src/writers/managed-block.js'

const B = beginMarker('dsql')
const E = endMarker('dsql')

function content(result: UpsertResult | RemoveResult): string {
  if (isConflict(result)) throw new Error(`unexpected conflicts: ${result.conflicts.map((c) => c.message).join('; ')}`)
  return result.content
}
const up = (text: string | undefined, body = 'Read SKILL.md first.\n', id = 'dsql'): string => content(upsertBlock(text, id, body))
const down = (text: string, id = 'dsql'): string => content(removeBlock(text, id))
function conflicts(result: UpsertResult | RemoveResult): BlockConflict[] {
  if (!isConflict(result)) throw new Error('expected conflicts')
  return result.conflicts
}

describe('upsertBlock examples', () => {
  it.each([
    ['a new file', undefined, `${B}\nbody\n${E}\n`],
    ['an empty file', '', `${B}\nbody\n${E}\n`],
    ['text with a final newline: one blank line between', '# Notes\n', `# Notes\n\n${B}\nbody\n${E}\n`],
    ['text without a final newline: one line break', '# Notes', `# Notes\n${B}\nbody\n${E}\n`],
    ['a CRLF file: the block is CRLF too', '# Notes\r\n\r\nmine\r\n', `# Notes\r\n\r\nmine\r\n\r\n${B}\r\nbody\r\n${E}\r\n`],
    ['a file ending with a lone CR', 'x\r', `x\r\r\n${B}\nbody\n${E}\n`],
  ])('into %s', (_case, before, expected) => {
    expect(up(before, 'body')).toBe(expected)
  })

  it('updates in place: text before and after the block is untouched, line endings kept', () => {
    const original = `# Top\r\n\r\n${B}\r\nold\r\n${E}\r\n\r\n## After\r\nuser text\r\n`
    expect(up(original, 'new\nlines\n')).toBe(`# Top\r\n\r\n${B}\r\nnew\r\nlines\r\n${E}\r\n\r\n## After\r\nuser text\r\n`)
  })

  it('keeps a byte-order mark in front of a block that starts the file', () => {
    const text = `\uFEFF${B}\r\nold\r\n${E}\r\n`
    expect(up(text, 'new')).toBe(`\uFEFF${B}\r\nnew\r\n${E}\r\n`)
    expect(removeBlock(text, 'dsql')).toEqual({ content: '\uFEFF', empty: true, removed: true })
  })

  it('keeps a missing newline after an end marker the user left at the end of the file', () => {
    expect(up(`x\n${B}\nold\n${E}`, 'new')).toBe(`x\n${B}\nnew\n${E}`)
  })

  it('recognises markers with indentation and trailing spaces, not markers quoted in a sentence', () => {
    expect(up(`  ${B}  \nold\n${E}\t\n`, 'new')).toBe(`${B}\nnew\n${E}\n`)
    const quoted = `The installer writes ${B} and ${E} around its text.\n`
    expect(up(quoted, 'b')).toBe(`${quoted}\n${B}\nb\n${E}\n`)
  })

  it('stores the body with the file\'s endings and one final newline; readBlock returns it with LF', () => {
    const text = up('a\r\n', 'one\r\ntwo\n\n\n')
    expect(text).toBe(`a\r\n\r\n${B}\r\none\r\ntwo\r\n${E}\r\n`)
    expect(readBlock(text, 'dsql')).toBe('one\ntwo\n')
    expect(readBlock(text, 'dynamodb')).toBeUndefined()
  })

  it('keeps blocks of other ids apart', () => {
    const both = up(up('# Project\n', 'dsql text'), 'dynamo text', 'dynamodb')
    expect(both).toBe(`# Project\n\n${B}\ndsql text\n${E}\n\n${beginMarker('dynamodb')}\ndynamo text\n${endMarker('dynamodb')}\n`)
    expect(up(both, 'dsql v2')).toBe(both.replace('dsql text', 'dsql v2'))
    expect(inspectBlocks(both).blocks.map((b) => [b.id, b.beginLine, b.endLine])).toEqual([['dsql', 3, 5], ['dynamodb', 7, 9]])
  })

  it.each([
    ['an invalid id', () => upsertBlock('', 'DSQL', 'x'), /managed block id "DSQL"/],
    ['an empty body', () => upsertBlock('', 'dsql', '\n\n'), /body is empty/],
    ['a body holding a marker line', () => upsertBlock('', 'dsql', `a\n${endMarker('dynamodb')}\n`), /contains a dbskills marker line/],
  ])('throws on %s (a bug in the caller, not a user problem)', (_case, run, error) => {
    expect(run).toThrow(error)
  })
})

describe('removeBlock examples', () => {
  it.each([
    ['the whole file was our block', `${B}\nx\n${E}\n`, '', true],
    ['a CRLF file that was only our block', `${B}\r\nx\r\n${E}\r\n`, '', true],
    ['block in the middle between blank lines', `a\n\n${B}\nx\n${E}\n\nb\n`, 'a\n\nb\n', false],
    ['block in the middle without blank lines', `a\n${B}\nx\n${E}\nb\n`, 'a\nb\n', false],
    ['block at the top followed by a blank line', `${B}\nx\n${E}\n\n# Title\n`, '# Title\n', false],
    ['only whitespace left', `\n\n${B}\nx\n${E}\n`, '\n', true],
    ['blank line before, text right after: the blank line stays', `a\n\n${B}\nx\n${E}\nb\n`, 'a\n\nb\n', false],
    ['text right before, blank line after: paragraphs stay apart', `a\n${B}\nx\n${E}\n\nb\n`, 'a\n\nb\n', false],
    ['before another block of ours: the separator goes too', `a\n${B}\nx\n${E}\n\n${beginMarker('z')}\ny\n${endMarker('z')}\n`, `a\n${beginMarker('z')}\ny\n${endMarker('z')}\n`, false],
    ['CRLF block in the middle between blank lines', `a\r\n\r\n${B}\r\nx\r\n${E}\r\n\r\nb\r\n`, 'a\r\n\r\nb\r\n', false],
  ])('%s', (_case, text, expected, empty) => {
    expect(removeBlock(text, 'dsql')).toEqual({ content: expected, empty, removed: true })
  })

  it('leaves a file without our block as it is', () => {
    expect(removeBlock('# Mine\r\n', 'dsql')).toEqual({ content: '# Mine\r\n', empty: false, removed: false })
  })
})

describe('malformed markers are conflicts with line numbers, never guesses', () => {
  const dyn = (kind: 'begin' | 'end') => (kind === 'begin' ? beginMarker('dynamodb') : endMarker('dynamodb'))
  it.each([
    ['begin without end', `# T\n${B}\nbody\n`, [['begin-without-end', 'dsql', 2]]],
    ['duplicated begin', `${B}\na\n${B}\nb\n${E}\n`, [['duplicate-begin', 'dsql', 3]]],
    ['end without begin', `a\n${E}\n`, [['end-without-begin', 'dsql', 2]]],
    ['block twice', `${B}\na\n${E}\n${B}\nb\n${E}\n`, [['duplicate-block', 'dsql', 4]]],
    ['nested blocks', `${B}\n${dyn('begin')}\nx\n${dyn('end')}\n${E}\n`, [['nested-begin', 'dynamodb', 2], ['mismatched-end', 'dynamodb', 4]]],
    ['invalid id', '<!-- dbskills:begin DSQL -->\n', [['invalid-id', 'DSQL', 1]]],
    ['CRLF file, line numbers still right', `a\r\nb\r\n${B}\r\n`, [['begin-without-end', 'dsql', 3]]],
    ['broken block of another id', `${dyn('begin')}\nx\n`, [['begin-without-end', 'dynamodb', 1]]],
  ])('%s', (_case, text, expected) => {
    const summary = (cs: BlockConflict[]) => cs.map((c) => [c.reason, c.id, c.line])
    expect(summary(conflicts(upsertBlock(text, 'dsql', 'new')))).toEqual(expected)
    expect(summary(conflicts(removeBlock(text, 'dsql')))).toEqual(expected)
    expect(() => readBlock(text, 'dsql')).toThrow(BlockConflictError)
    for (const c of conflicts(upsertBlock(text, 'dsql', 'new'))) expect(c.message).toMatch(new RegExp(`^line ${c.line}: `))
  })

  it('the thrown error carries the conflicts for --json', () => {
    try {
      readBlock(`${B}\n`, 'dsql')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(BlockConflictError)
      expect((error as BlockConflictError).details).toEqual([expect.objectContaining({ reason: 'begin-without-end', line: 1 })])
      expect((error as Error).message).toMatch(/line 1: block "dsql" has no end marker/)
    }
  })
})

// ---- properties over generated Markdown files ---------------------------------------------------------------

const OTHER_IDS = ['dynamodb', 'aurora-mysql', 'notes-2']
const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' '))
const line = fc.oneof(
  text,
  text.map((s) => `# ${s}`),
  text.map((s) => `- ${s}`),
  text.map((s) => `<!-- ${s.replace(/-->/g, '')} -->`),
  fc.constantFrom('', ' ', '\t', '```', '```sql', '日本語のメモ 🚀', 'café – naïve', '<!-- dbskills:note -->', '<!-- dbskills:begin -->',
    `see ${B} inline`, `${E} is how a block ends`, 'text with a lone\rcarriage return'),
)
const otherBlock = fc.tuple(fc.constantFrom(...OTHER_IDS), fc.array(line, { maxLength: 3 }))
  .map(([id, lines]) => [beginMarker(id), ...lines, endMarker(id)])
/** A Markdown file: lines, other ids' blocks, LF/CRLF/mixed, with or without a final newline or a BOM. */
const markdownFile = fc.record({
  chunks: fc.array(fc.oneof({ weight: 5, arbitrary: line.map((l) => [l]) }, { weight: 1, arbitrary: otherBlock }), { maxLength: 14 }),
  style: fc.constantFrom('lf', 'crlf', 'mixed'),
  mixedPick: fc.infiniteStream(fc.boolean()),
  ending: fc.constantFrom('newline', 'none', 'lone-cr'),
  bom: fc.nat(9).map((n) => n === 0), // about one file in ten starts with a byte-order mark
}).map(({ chunks, style, mixedPick, ending, bom }) => {
  const lines = chunks.flat()
  const seenIds = new Set<string>()
  const unique = lines.filter((l) => { // one block per id, or it would be a duplicate-block conflict
    const id = /^<!-- dbskills:begin (\S+) -->$/.exec(l)?.[1]
    if (id === undefined) return true
    if (seenIds.has(id)) return false
    seenIds.add(id)
    return true
  })
  const picks = mixedPick.take(unique.length)[Symbol.iterator]()
  const eol = () => (style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : picks.next().value ? '\r\n' : '\n')
  let out = unique.map((l) => l + eol()).join('')
  if (ending !== 'newline') out = out.replace(/\r?\n$/, '')
  if (ending === 'lone-cr') out += '\r'
  return bom ? `\uFEFF${out}` : out
}).filter((x) => inspectBlocks(x).conflicts.length === 0)
const body = fc.array(text.filter((s) => s.trim() !== ''), { minLength: 1, maxLength: 5 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)))

const RUNS = { numRuns: 300 }

describe('managed block properties (300 generated Markdown files each)', () => {
  it('remove(upsert(X)) === X byte for byte, and the block reads back', () => {
    fc.assert(fc.property(markdownFile, body, (x, b) => {
      const y = up(x, b)
      expect(y.startsWith(x)).toBe(true)
      expect(readBlock(y, 'dsql')).toBe(`${b.replace(/\r\n/g, '\n')}\n`)
      const removed = removeBlock(y, 'dsql')
      expect(removed).toEqual({ content: x, empty: x.trim() === '', removed: true })
    }), RUNS)
  })

  it('upsert twice equals upsert once; a second body changes only the block', () => {
    fc.assert(fc.property(markdownFile, body, body, (x, b1, b2) => {
      const once = up(x, b1)
      expect(up(once, b1)).toBe(once)
      expect(up(once, b2)).toBe(up(x, b2))
      expect(down(up(once, b2))).toBe(x)
    }), RUNS)
  })

  it('two blocks removed in either order give X back', () => {
    fc.assert(fc.property(markdownFile, body, body, (x, b1, b2) => {
      const both = up(up(x, b1, 'dsql'), b2, 'zz-test')
      expect(down(down(both, 'dsql'), 'zz-test')).toBe(x)
      expect(down(down(both, 'zz-test'), 'dsql')).toBe(x)
      expect(readBlock(both, 'zz-test')).toBe(`${b2.replace(/\r\n/g, '\n')}\n`)
    }), RUNS)
  })

  it('in a CRLF file every line break of the block is CRLF', () => {
    const crlfFile = markdownFile.filter((x) => x.includes('\r\n') && !/(?<!\r)\n/.test(x))
    fc.assert(fc.property(crlfFile, body, (x, b) => {
      const block = up(x, b).slice(x.length)
      expect(/(?<!\r)\n/.test(block)).toBe(false)
    }), { numRuns: 200 })
  })
})

describe('marker lines are recognised in linear time', () => {
  // The regex the scanner replaced: kept here as the specification on short lines, where it is fast.
  const SPEC = /^[ \t]*<!--[ \t]*dbskills:(begin|end)[ \t]+([^\s>]+)(?:[ \t][^\r\n]*?)?[ \t]*-->[ \t]*$/
  const piece = fc.constantFrom('<!--', '-->', '-', '>', ' ', '\t', '\r', '\u00a0', 'dbskills:', 'begin', 'end', 'dsql', 'a', 'x y')

  it('parseMarker agrees with the marker grammar on 3000 generated lines', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = parts.join('')
        const m = SPEC.exec(line)
        expect(parseMarker(line)).toEqual(m ? { kind: m[1], id: m[2] } : undefined)
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['<!-- dbskills:begin dsql -->', { kind: 'begin', id: 'dsql' }],
    ['  <!--dbskills:end dsql (do not edit) -->\t', { kind: 'end', id: 'dsql' }],
    ['<!-- dbskills:begin dsql--->', { kind: 'begin', id: 'dsql-' }],
    ['<!-- dbskills:begin -->', undefined],
    ['<!-- dbskills:beginx dsql -->', undefined],
    ['text <!-- dbskills:begin dsql -->', undefined],
  ])('%j -> %j', (line, want) => expect(parseMarker(line)).toEqual(want))

  it.each([
    ['plain text', 'word '.repeat(200_000)],
    ['a marker start then spaces', `<!-- dbskills:begin dsql${' '.repeat(1_000_000)}`],
    ['a marker start then space-separated words', `<!-- dbskills:begin dsql${' x'.repeat(500_000)}`],
    ['a comment opener then tabs', `<!--${'\t'.repeat(1_000_000)}`],
  ])('a 1 MB line (%s) in a user file: upsert, read and remove take well under a second', (_name, line) => {
    const t = performance.now()
    const text = up(`# Notes\n${line}\n`)
    expect(readBlock(text, 'dsql')).toBe('Read SKILL.md first.\n')
    expect(down(text)).toBe(`# Notes\n${line}\n`)
    expect(performance.now() - t).toBeLessThan(500)
  })
})
