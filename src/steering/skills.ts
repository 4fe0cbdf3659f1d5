/**
 * The steering a skill gets, derived from its own data (SKILL.md `metadata`: title, fallback): the default title,
 * the one-line Cursor description, and the generic knowledge the agent must not fall back on. The measured failure
 * (seeds/000) is an agent treating Aurora DSQL as plain PostgreSQL, so each skill names the closest wrong habit.
 */
import type { Skill } from '../knowledge/load.js'

export interface SkillSteering {
  title: string
  /** One line, no colon (Cursor's front matter parser is not a full YAML parser; keep it plain). */
  description: string
  /** Completes "Do not fall back on ...". */
  fallback: string
}

export function skillSteering(skill: Pick<Skill, 'title' | 'fallback'>): SkillSteering {
  return { title: skill.title, description: `${skill.title} in this project - connection facts and the read-the-skill-first procedure`, fallback: skill.fallback }
}
