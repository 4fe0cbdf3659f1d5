// One place per skill: its title, one-line summary, fallback phrase and keywords live in its SKILL.md `metadata`, and
// steering, the Kiro power and every plugin read them from there (no table keyed by skill name elsewhere).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { skillData } from '../../src/knowledge/load.js'
import { pluginMeta } from '../../src/plugins/context.js'
import { skillSteering } from '../../src/steering/skills.js'
import { REPO } from '../helpers/cli.js'

const SKILLS = readdirSync(join(REPO, 'skills'))
const ONE_LINE = /^[^\r\n]+$/

describe.each(SKILLS)('skills/%s metadata', (name) => {
  const { data } = matter(readFileSync(join(REPO, 'skills', name, 'SKILL.md'), 'utf8'), {})
  const m = data.metadata as Record<string, string>

  it('declares title, summary, fallback and keywords, each one plain line', () => {
    for (const key of ['title', 'summary', 'fallback', 'keywords']) {
      expect(typeof m[key], key).toBe('string')
      expect(m[key], key).toMatch(ONE_LINE)
    }
    expect(m.keywords!.split(',').map((k) => k.trim()).filter(Boolean).length).toBeGreaterThan(2)
  })

  it('is what steering and the plugins use', () => {
    const d = skillData(name, String(data.description), m)
    expect(skillSteering(d)).toMatchObject({ title: m.title, fallback: m.fallback })
    expect(pluginMeta(REPO, name as 'dsql')).toEqual({ title: m.title, description: m.summary, keywords: d.keywords, fallback: m.fallback })
  })
})

it('a skill without that metadata (a third-party one) gets neutral defaults', () => {
  expect(skillData('redis', 'Redis rules. Use when…', { version: '1.0.0', updated: '2026-01-01' })).toEqual({ title: 'redis', summary: 'Redis rules.', fallback: 'generic database knowledge', keywords: ['redis'] })
})
