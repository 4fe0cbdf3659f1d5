/** Steering inputs shared by the renderer and golden tests: one per skill, some facts given, some missing. */
import { connectionFacts } from '../../src/steering/facts.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import matter from 'gray-matter'
import { skillData } from '../../src/knowledge/load.js'
import { skillSteering } from '../../src/steering/skills.js'
import { REPO } from '../helpers/cli.js'
import type { SteeringInput } from '../../src/steering/types.js'

export const SKILLS = ['dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql'] as const

const MCP_KEYS: Record<string, string> = { dsql: 'aurora-dsql', dynamodb: 'dynamodb', 'aurora-postgresql': 'aurora-postgresql', 'aurora-mysql': 'aurora-mysql' }

const VALUES: Record<string, Parameters<typeof connectionFacts>[1]> = {
  dsql: { clusterEndpoint: 'abc123.dsql.us-west-2.on.aws', region: 'us-west-2' },
  dynamodb: { profile: 'dev' },
  'aurora-postgresql': { clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:orders', database: 'orders' },
  'aurora-mysql': { region: 'eu-west-1', connectionMethod: 'rdsapi' },
}

/** Agent skill paths: Kiro reads its own copy, Cursor its link, AGENTS.md readers the canonical dir. */
export const SKILL_PATHS = {
  kiro: (skill: string) => `.kiro/skills/${skill}/SKILL.md`,
  cursor: (skill: string) => `.cursor/skills/${skill}/SKILL.md`,
  block: (skill: string) => `.agents/skills/${skill}/SKILL.md`,
}

export function steeringInput(skill: string, agent: keyof typeof SKILL_PATHS, withMcp = true): SteeringInput {
  // The skill's own data, from its SKILL.md metadata (the one place it lives).
  const { data: fm } = matter(readFileSync(join(REPO, 'skills', skill, 'SKILL.md'), 'utf8'), {})
  const data = skillSteering(skillData(skill, String(fm.description), fm.metadata as Record<string, string>))
  return {
    skill,
    title: data.title,
    description: data.description,
    fallback: data.fallback,
    skillPath: SKILL_PATHS[agent](skill),
    mcpServerKey: withMcp ? MCP_KEYS[skill] : undefined,
    facts: connectionFacts(skill, VALUES[skill] ?? {}),
  }
}
