import { join } from 'node:path'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { findPlaceholders } from '../../src/steering/placeholder.js'
import { findSkillPaths } from '../../src/steering/skill-pointer.js'
import { loadSteeringTemplates } from '../../src/steering/template.js'
import type { SteeringInput } from '../../src/steering/types.js'
import { cursorRulePath, kiroSteeringPath, renderBlockBody, renderCursorRule, renderKiroSteering, yamlString } from '../../src/writers/steering-md.js'
import { SKILLS, steeringInput } from '../steering/fixtures.js'

const templates = loadSteeringTemplates(join(import.meta.dirname, '../../templates/steering'))
const kiro = (input: SteeringInput) => renderKiroSteering(input, templates)
const cursor = (input: SteeringInput) => renderCursorRule(input, templates)
const block = (input: SteeringInput) => renderBlockBody(input, templates)

describe.each(SKILLS)('steering for %s', (skill) => {
  it('Kiro: front matter is the very first content, inclusion: always', () => {
    const text = kiro(steeringInput(skill, 'kiro'))
    expect(text.charCodeAt(0)).toBe('-'.charCodeAt(0))
    expect(text.split('\n').slice(0, 3)).toEqual(['---', 'inclusion: always', '---'])
    const parsed = matter(text, {})
    expect(parsed.data).toEqual({ inclusion: 'always' })
  })

  it('Cursor: front matter parses with alwaysApply true, a description and no globs', () => {
    const input = steeringInput(skill, 'cursor')
    const text = cursor(input)
    expect(text.startsWith('---\n')).toBe(true)
    const { data } = matter(text, {})
    expect(data).toEqual({ description: input.description, alwaysApply: true })
    expect(text).not.toMatch(/^globs:/m)
  })

  it.each([['kiro', kiro], ['cursor', cursor], ['block', block]] as const)('%s: names the agent\'s SKILL.md path and the MCP server key', (agent, render) => {
    const input = steeringInput(skill, agent)
    const text = render(input)
    expect(text).toContain(`\`${input.skillPath}\``)
    expect(findSkillPaths(text)).toEqual([input.skillPath])
    expect(text).toContain(`\`${input.mcpServerKey}\` MCP server`)
    expect(text).toMatch(/Read `[^`]+` in full first/)
    expect(text).toMatch(/never guess/)
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true)
    expect(text).not.toContain('\r')
  })

  it('missing facts render as placeholders that findPlaceholders reports, given facts as values', () => {
    const input = steeringInput(skill, 'block')
    const text = block(input)
    const expected = input.facts.filter((f) => !f.value).map((f) => f.placeholder)
    expect(expected.length).toBeGreaterThan(0)
    expect(findPlaceholders(text)).toEqual(expected)
    for (const fact of input.facts.filter((f) => f.value)) expect(text).toContain(`- ${fact.label}: ${fact.value}\n`)
  })
})

describe('steering renderers', () => {
  const base = steeringInput('dsql', 'kiro')

  it('with every fact given, nothing is left for doctor to report', () => {
    const facts = base.facts.map((f) => ({ ...f, value: f.value ?? 'given' }))
    expect(findPlaceholders(kiro({ ...base, facts }))).toEqual([])
  })

  it('without an MCP server it says so instead of naming a server', () => {
    const text = block({ ...base, mcpServerKey: undefined })
    expect(text).toContain('No Aurora DSQL MCP server is configured')
    expect(text).not.toContain('aurora-dsql')
  })

  it('says which generic knowledge not to fall back on, per skill', () => {
    expect(block(base)).toMatch(/Do not fall back on generic PostgreSQL knowledge/)
    expect(block(steeringInput('aurora-mysql', 'block'))).toMatch(/Do not fall back on generic MySQL knowledge/)
  })

  it('renders an empty fact list explicitly', () => {
    expect(block({ ...base, facts: [] })).toContain('- (none recorded)')
  })

  it.each([
    ['multi-line fallback', { fallback: 'generic\nhabits' }, /fallback must be one non-empty line/],
    ['multi-line title', { title: 'A\nB' }, /title must be one non-empty line/],
    ['empty description', { description: '' }, /description must be one non-empty line/],
    ['backslash path', { skillPath: '.kiro\\skills\\dsql\\SKILL.md' }, /skillPath .* must be a '\/'-separated path/],
    ['path not to SKILL.md', { skillPath: '.kiro/skills/dsql/' }, /skillPath/],
    ['path escaping with ..', { skillPath: '../x/SKILL.md' }, /skillPath/],
    ['odd MCP key', { mcpServerKey: 'a b' }, /mcpServerKey "a b"/],
    ['placeholder doctor cannot see', { facts: [{ label: 'Region', placeholder: 'TODO' }] }, /placeholder "TODO" is not in the/],
    ['multi-line value', { facts: [{ label: 'Region', value: 'a\nb', placeholder: '' }] }, /value must be one line/],
  ])('refuses %s', (_case, patch, error) => {
    const input = { ...base, ...patch } as SteeringInput
    for (const render of [kiro, cursor, block]) expect(() => render(input)).toThrow(error)
  })

  it('reports every problem at once', () => {
    expect(() => block({ ...base, title: '', mcpServerKey: '!' })).toThrow(/title[\s\S]*mcpServerKey/)
  })

  it('an empty value counts as missing and shows the placeholder', () => {
    const facts = [{ label: 'AWS region', value: '', placeholder: '<AWS region: fill in>' }]
    expect(block({ ...base, facts })).toContain('- AWS region: <AWS region: fill in>\n')
  })

  it('quotes a description YAML would misread, and gray-matter reads it back', () => {
    for (const description of ['Aurora DSQL: facts', 'yes', '#1 rule', 'quote "x" and \\ backslash', 'ünïcode – dash']) {
      expect(matter(cursor({ ...base, description }), {}).data.description).toBe(description)
    }
    expect(yamlString('Plain words - fine')).toBe('Plain words - fine')
    expect(yamlString('a: b')).toBe('"a: b"')
  })

  it('fails loudly when a template edit puts anything before the front matter', () => {
    const broken = { ...templates, kiro: `\n${templates.kiro}` }
    expect(() => renderKiroSteering(base, broken)).toThrow(/must start with a '---' front matter line/)
  })

  it('uses the packaged templates by default', () => {
    expect(renderKiroSteering(base)).toBe(kiro(base))
  })

  it('names the steering files per skill', () => {
    expect([kiroSteeringPath('dsql'), cursorRulePath('aurora-mysql')]).toEqual(['.kiro/steering/dbskills-dsql.md', '.cursor/rules/dbskills-aurora-mysql.mdc'])
  })
})
