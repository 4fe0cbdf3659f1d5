/**
 * The third layer where a channel carries one: a context file (Gemini CLI) or an always-on rule (Cursor). A plugin
 * is installed once for every project, so this text holds no project facts: it tells the agent to load the skill
 * before any work on the database, where the connection comes from, and what not to fall back on.
 */
import { serverForSkill, type SkillName } from '../mcp/catalog.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import matter from 'gray-matter'
import { skillData } from '../knowledge/load.js'
import { yamlString } from '../writers/steering-md.js'
import { PLUGIN_SETTINGS } from './settings.js'

/** What a plugin says about its skill: the skill's own data from SKILL.md `metadata` (knowledge/load.ts skillData). */
export interface PluginMeta { title: string; description: string; keywords: string[]; fallback: string }

/** The plugin data of the skill in `root`/skills/<skill>, read with the same loader rules as `dbskills add`. */
export function pluginMeta(root: string, skill: SkillName): PluginMeta {
  const { data } = matter(readFileSync(join(root, 'skills', skill, 'SKILL.md'), 'utf8'), {})
  const d = skillData(skill, String(data.description ?? ''), (data.metadata ?? {}) as Record<string, string>)
  return { title: d.title, description: d.summary, keywords: d.keywords, fallback: d.fallback }
}

function procedure(skill: SkillName, m: PluginMeta, where: string): string[] {
  const { title, fallback } = m
  const server = serverForSkill(skill)
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
export function contextText(skill: SkillName, m: PluginMeta, _channel: 'gemini'): string {
  return [`# ${m.title} (dbskills extension)`, '', ...procedure(skill, m, `this extension's settings (\`gemini extensions config ${skill}\`)`)].join('\n')
}

/** Cursor rule, always applied. */
export function cursorRule(skill: SkillName, m: PluginMeta): string {
  return [
    '---',
    `description: ${yamlString(`${m.title} - read-the-skill-first procedure (dbskills plugin)`)}`,
    'alwaysApply: true',
    '---',
    '',
    `# ${m.title}`,
    '',
    ...procedure(skill, m, 'the environment variables named in the plugin\'s MCP config, set before Cursor starts'),
  ].join('\n')
}

/** Kiro power steering (dev.kiro/steering/), loaded with the power. */
export function kiroSteering(skill: SkillName, m: PluginMeta): string {
  return [`# ${m.title}`, '', ...procedure(skill, m, 'the project\'s .kiro/settings/mcp.json (`npx dbskills add <skill> -a kiro` with the cluster flags); this power\'s own server starts without a cluster')].join('\n')
}
