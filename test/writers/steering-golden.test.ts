/**
 * Golden files: the exact steering text per renderer and skill, so any wording change is reviewed as a diff.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run --project unit test/writers/steering-golden.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSteeringTemplates } from '../../src/steering/template.js'
import { renderBlockBody, renderCursorRule, renderKiroSteering } from '../../src/writers/steering-md.js'
import { SKILLS, steeringInput } from '../steering/fixtures.js'

const GOLDEN = join(import.meta.dirname, '../golden/steering')
const templates = loadSteeringTemplates(join(import.meta.dirname, '../../templates/steering'))

const RENDERERS = [
  { name: 'kiro', ext: 'md', render: (skill: string) => renderKiroSteering(steeringInput(skill, 'kiro'), templates) },
  { name: 'cursor', ext: 'mdc', render: (skill: string) => renderCursorRule(steeringInput(skill, 'cursor'), templates) },
  { name: 'block', ext: 'md', render: (skill: string) => renderBlockBody(steeringInput(skill, 'block'), templates) },
  { name: 'block-no-mcp', ext: 'md', render: (skill: string) => renderBlockBody(steeringInput(skill, 'block', false), templates) },
]

describe.each(RENDERERS)('golden $name', ({ name, ext, render }) => {
  it.each(SKILLS)('%s', (skill) => {
    const file = join(GOLDEN, `${name}-${skill}.${ext}`)
    const actual = render(skill)
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true })
      writeFileSync(file, actual)
      return
    }
    expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true)
    // A Windows checkout with core.autocrlf turns the golden files CRLF; the renderers' LF output is asserted elsewhere.
    expect(actual).toBe(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'))
  })
})
