/**
 * The third layer where a channel carries one: a context file (Gemini CLI) or an always-on rule (Cursor). A plugin
 * is installed once for every project, so this text holds no project facts: it tells the agent to load the skill
 * before any work on the database, where the connection comes from, and what not to fall back on.
 */
import { serverForSkill, type SkillName } from '../mcp/catalog.js'
import { skillSteering } from '../steering/skills.js'
import { yamlString } from '../writers/steering-md.js'
import { PLUGIN_SETTINGS } from './settings.js'

export interface PluginMeta { title: string; description: string; keywords: string[] }

export const PLUGIN_META: Readonly<Record<SkillName, PluginMeta>> = {
  dsql: {
    title: 'Aurora DSQL',
    description: 'Aurora DSQL skill (DDL and transaction rules, OCC retries, IAM auth, dsql-lint) with the aurora-dsql MCP server, read-only by default.',
    keywords: ['aws', 'aurora', 'dsql', 'postgresql', 'database', 'mcp'],
  },
  dynamodb: {
    title: 'Amazon DynamoDB',
    description: 'DynamoDB skill (access-pattern modeling, keys and indexes, data-model validation) with the dynamodb MCP server.',
    keywords: ['aws', 'dynamodb', 'nosql', 'data-modeling', 'database', 'mcp'],
  },
  'aurora-postgresql': {
    title: 'Aurora PostgreSQL',
    description: 'Aurora PostgreSQL skill (connection methods, Data API, row-level security, guardrails) with the postgres MCP server, read-only by default.',
    keywords: ['aws', 'aurora', 'postgresql', 'rds', 'database', 'mcp'],
  },
  'aurora-mysql': {
    title: 'Aurora MySQL',
    description: 'Aurora MySQL skill (connection methods, Data API, Serverless v2, guardrails) with the mysql MCP server, read-only by default.',
    keywords: ['aws', 'aurora', 'mysql', 'rds', 'database', 'mcp'],
  },
}

function procedure(skill: SkillName, where: string): string[] {
  const title = PLUGIN_META[skill].title
  const server = serverForSkill(skill)
  const fallback = skillSteering(skill)?.fallback ?? 'generic database knowledge'
  return [
    `Before any ${title} data-model, schema, query, migration or data-access work:`,
    '',
    `1. Load the \`${skill}\` skill (its SKILL.md) in full first, then the references it routes to for the task at hand. For ${title} it overrides what you remember.`,
    server
      ? `2. Call the tools of the \`${server.key}\` MCP server (${server.package} ${server.version}${server.writeFlag ? `, read-only unless started with ${server.writeFlag}` : ''}) with exactly the tool and parameter names SKILL.md gives; never guess or rename one.`
      : '2. Use exactly the tool and parameter names SKILL.md gives; never guess or rename one.',
    PLUGIN_SETTINGS[skill].length
      ? `3. The connection (cluster, Region, database) comes from ${where}. When a database tool says it is not configured, ask the user for the value; never invent one.`
      : '3. AWS credentials and Region come from the environment the client starts the server in (AWS_PROFILE, AWS_REGION). When one is missing, ask the user; never invent one.',
    `4. Do not fall back on ${fallback}. When the skill does not cover a question, say so and check the documentation.`,
    '',
  ]
}

/** Gemini CLI context file: loaded into every session while the extension is enabled. */
export function contextText(skill: SkillName, _channel: 'gemini'): string {
  return [`# ${PLUGIN_META[skill].title} (dbskills extension)`, '', ...procedure(skill, `this extension's settings (\`gemini extensions config ${skill}\`)`)].join('\n')
}

/** Cursor rule, always applied. */
export function cursorRule(skill: SkillName): string {
  const m = PLUGIN_META[skill]
  return [
    '---',
    `description: ${yamlString(`${m.title} - read-the-skill-first procedure (dbskills plugin)`)}`,
    'alwaysApply: true',
    '---',
    '',
    `# ${m.title}`,
    '',
    ...procedure(skill, 'the environment variables named in the plugin\'s MCP config, set before Cursor starts'),
  ].join('\n')
}

/** Kiro power steering (dev.kiro/steering/), loaded with the power. */
export function kiroSteering(skill: SkillName): string {
  return [`# ${PLUGIN_META[skill].title}`, '', ...procedure(skill, 'the project\'s .kiro/settings/mcp.json (`npx dbskills add <skill> -a kiro` with the cluster flags); this power\'s own server starts without a cluster')].join('\n')
}
