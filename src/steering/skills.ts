/**
 * Per-skill steering data: the default title and Cursor description, and the generic knowledge the agent must
 * not fall back on. The measured failure (seeds/000) is an agent treating Aurora DSQL as plain PostgreSQL, so
 * each skill names the closest wrong habit explicitly.
 */
export interface SkillSteering {
  title: string
  /** One line, no colon (Cursor's front matter parser is not a full YAML parser; keep it plain). */
  description: string
  /** Completes "Do not fall back on ...". */
  fallback: string
}

export const SKILL_STEERING: Readonly<Record<string, SkillSteering>> = {
  dsql: {
    title: 'Aurora DSQL',
    description: 'Aurora DSQL in this project - connection facts and the read-the-skill-first procedure',
    fallback: 'generic PostgreSQL knowledge; Aurora DSQL accepts a different set of DDL, transactions and indexes',
  },
  dynamodb: {
    title: 'Amazon DynamoDB',
    description: 'DynamoDB in this project - connection facts and the read-the-skill-first procedure',
    fallback: 'generic relational or SQL habits; model access patterns the way the skill describes',
  },
  'aurora-postgresql': {
    title: 'Aurora PostgreSQL',
    description: 'Aurora PostgreSQL in this project - connection facts and the read-the-skill-first procedure',
    fallback: 'generic PostgreSQL knowledge; the MCP server, its connection methods and its guardrails have their own rules',
  },
  'aurora-mysql': {
    title: 'Aurora MySQL',
    description: 'Aurora MySQL in this project - connection facts and the read-the-skill-first procedure',
    fallback: 'generic MySQL knowledge; the MCP server, its connection methods and its guardrails have their own rules',
  },
}

/** The steering data of `skill`, or undefined for a skill this package does not ship. */
export function skillSteering(skill: string): SkillSteering | undefined {
  return Object.hasOwn(SKILL_STEERING, skill) ? SKILL_STEERING[skill] : undefined
}
