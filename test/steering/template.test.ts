import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it, onTestFinished } from 'vitest'
import { defaultTemplatesDir, loadSteeringTemplates, renderTemplate, TEMPLATE_FILES } from '../../src/steering/template.js'

const repoTemplates = join(import.meta.dirname, '../../templates/steering')

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbskills-tpl-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }))
  return dir
}

describe('renderTemplate', () => {
  it('substitutes every variable once, without re-scanning values', () => {
    expect(renderTemplate('t', 'a {{x}} b {{ y }} {{x}}', { x: '1', y: '{{x}}' })).toBe('a 1 b {{x}} 1')
  })

  it.each([
    ['unknown variable', 'hello {{who}}', {}, /unknown variable \{\{who\}\}/],
    ['empty value', 'hello {{who}}', { who: '' }, /\{\{who\}\} has no value/],
    ['unused variable', 'hello', { who: 'x' }, /given but not used: who/],
    ['unclosed braces', 'hello {{who', { who: 'x' }, /malformed variable/],
    ['bad variable name', 'hello {{1who}}', {}, /malformed variable/],
    ['stray closing braces', 'hello }}', {}, /malformed variable/],
  ])('fails loudly on %s', (_case, template, vars, error) => {
    expect(() => renderTemplate('t.md', template, vars as Record<string, string>)).toThrow(error)
  })

  it('names the template in its errors', () => {
    expect(() => renderTemplate('body.md', '{{nope}}', {})).toThrow(/template body\.md/)
  })
})

describe('loadSteeringTemplates', () => {
  it('reads every template of the package, non-empty', () => {
    const templates = loadSteeringTemplates(repoTemplates)
    expect(Object.keys(templates).sort()).toEqual(Object.keys(TEMPLATE_FILES).sort())
    for (const text of Object.values(templates)) expect(text.trim().length).toBeGreaterThan(20)
  })

  it('normalises CRLF template files to LF', () => {
    const dir = tempDir()
    for (const file of Object.values(TEMPLATE_FILES)) writeFileSync(join(dir, file), 'line one\r\nline two {{x}}\r\n')
    expect(loadSteeringTemplates(dir).body).toBe('line one\nline two {{x}}\n')
  })

  it('reports a missing template file with its path', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'body.md'), 'x')
    expect(() => loadSteeringTemplates(dir)).toThrow(/kiro\.md could not be read/)
  })

  it('finds templates/steering of the package both from src/steering and from a dist bundle depth', () => {
    expect(defaultTemplatesDir()).toBe(repoTemplates)
    const fromDist = pathToFileURL(join(import.meta.dirname, '../../dist/cli.cjs')).href
    expect(defaultTemplatesDir(fromDist)).toBe(repoTemplates)
  })

  it('fails when no package.json is above the module', () => {
    const dir = tempDir()
    expect(() => defaultTemplatesDir(pathToFileURL(join(dir, 'x.js')).href)).toThrow(/no package.json above/)
  })
})
