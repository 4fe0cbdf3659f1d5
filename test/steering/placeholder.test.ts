import { describe, expect, it } from 'vitest'
import { findPlaceholders, isPlaceholder, makePlaceholder, PLACEHOLDER_RE } from '../../src/steering/placeholder.js'

describe('placeholders', () => {
  it.each([
    ['<DSQL cluster endpoint: fill in, e.g. abc123.dsql.us-east-1.on.aws>', true],
    ['<database user: fill in>', true],
    ['<AWS region: fill in, e.g. us-east-1>', true],
    ['<id>', false],
    ['<region>', false],
    ['<!-- dbskills:begin dsql -->', false],
    ['<what: fill in, e.g. >', false],
    ['<a: b: fill in>', false],
    ['<two\nlines: fill in>', false],
    ['fill in the endpoint', false],
  ])('%j is a placeholder: %s', (text, expected) => {
    expect(isPlaceholder(text)).toBe(expected)
    expect(PLACEHOLDER_RE.test(text)).toBe(expected)
  })

  it('finds every placeholder in a text, in order, duplicates kept', () => {
    const text = [
      '- Cluster endpoint: <DSQL cluster endpoint: fill in, e.g. abc123.dsql.us-east-1.on.aws>',
      '- Region: us-east-1 (not a placeholder), see <https://example.com>',
      '- User: <database user: fill in> and again <database user: fill in>',
      '<!-- a comment: fill in? no, comments are not placeholders -->',
    ].join('\n')
    expect(findPlaceholders(text)).toEqual([
      '<DSQL cluster endpoint: fill in, e.g. abc123.dsql.us-east-1.on.aws>',
      '<database user: fill in>',
      '<database user: fill in>',
    ])
    expect(findPlaceholders('nothing to fill')).toEqual([])
  })

  it('the exported regex is not global, so repeated .test() calls agree', () => {
    const text = '<AWS region: fill in>'
    expect([PLACEHOLDER_RE.test(text), PLACEHOLDER_RE.test(text), PLACEHOLDER_RE.test(text)]).toEqual([true, true, true])
    expect(PLACEHOLDER_RE.flags).not.toContain('g')
  })

  it('makePlaceholder builds the detectable form and refuses text that would not be detected', () => {
    expect(makePlaceholder('DSQL cluster endpoint', 'abc123.dsql.us-east-1.on.aws')).toBe('<DSQL cluster endpoint: fill in, e.g. abc123.dsql.us-east-1.on.aws>')
    expect(makePlaceholder('database user')).toBe('<database user: fill in>')
    expect(() => makePlaceholder('a: b')).toThrow(/cannot build a placeholder/)
    expect(() => makePlaceholder('x', 'a>b')).toThrow(/cannot build a placeholder/)
    expect(() => makePlaceholder('x\ny')).toThrow(/cannot build a placeholder/)
  })
})
