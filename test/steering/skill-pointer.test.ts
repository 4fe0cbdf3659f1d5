import { describe, expect, it } from 'vitest'
import { findSkillPaths } from '../../src/steering/skill-pointer.js'

describe('findSkillPaths', () => {
  it.each([
    ['1. Read `.kiro/skills/dsql/SKILL.md` in full first', ['.kiro/skills/dsql/SKILL.md']],
    ['`a/SKILL.md` then `b/SKILL.md` then `a/SKILL.md` again', ['a/SKILL.md', 'b/SKILL.md']],
    ['routes to SKILL.md (plain word) and `SKILL.md`', ['SKILL.md']],
    ['not a skill: `references/MYSKILL.md`, `x/SKILL.md.bak`, `x\\SKILL.md`', []],
    ['`~/.kiro/skills/dsql/SKILL.md`', ['~/.kiro/skills/dsql/SKILL.md']],
  ])('%j -> %j', (text, expected) => {
    expect(findSkillPaths(text)).toEqual(expected)
  })
})
