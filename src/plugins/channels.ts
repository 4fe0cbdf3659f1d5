/**
 * The plugin channels, as data plus one small renderer each: which files a channel adds to one plugin folder
 * (plugins/<skill>/) and to the repository root. Every MCP entry comes from src/mcp/entry.ts `buildEntry`, the code
 * `dbskills add` writes with, so the pinned versions, flags and read-only default cannot diverge.
 * Formats: knowledge/CHANNELS.md (surveyed 2026-12-02) and the client checks in test/channels/.
 */
import { serverForSkill, type SkillName } from '../mcp/catalog.js'
import { clientById, type McpClientSpec } from '../mcp/clients.js'
import { buildEntry, type HostInfo } from '../mcp/entry.js'
import { PLUGIN_SETTINGS, referenceOptions, settingEnvName, type PluginSetting } from './settings.js'
import { contextText, cursorRule, kiroSteering, type PluginMeta } from './context.js'

export const CHANNEL_IDS = ['agent-plugins', 'claude', 'codex', 'copilot', 'gemini', 'cursor', 'kiro'] as const
export type ChannelId = (typeof CHANNEL_IDS)[number]

/** The package facts every manifest repeats. */
export interface PackageInfo { name: string; version: string; license: string; homepage?: string }

export interface PluginInput { skill: SkillName; pkg: PackageInfo; /** The skill's own data (SKILL.md metadata). */ meta: PluginMeta }

/** Files relative to a plugin folder, or to the repository root. */
export type Files = Map<string, string>

export interface Channel {
  id: ChannelId
  displayName: string
  /** How the user installs from a clone or from GitHub; `<repo>` is a path or owner/name. */
  install: string
  /** Files inside plugins/<skill>/ (the skill copy itself is added by the bundle). */
  pluginFiles(input: PluginInput): Files
  /** Files at the repository root (marketplaces). */
  rootFiles?(plugins: PluginInput[]): Files
  /** What this channel cannot carry, and how the user gets it instead. */
  limits: string
}

// A plugin is installed on machines we do not know: nothing host-specific may land in an entry (uvx needs none).
const HOST: HostInfo = { platform: 'linux', home: '~' }
const AGENT_PLUGINS_SCHEMA = 'https://agent-plugins.org/schemas/1.0.0'
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

function entry(skill: SkillName, client: McpClientSpec, ref?: (s: PluginSetting) => string) {
  const server = serverForSkill(skill)
  if (!server) return undefined
  return { key: server.key, entry: buildEntry(server, referenceOptions(skill, ref), client, HOST) }
}

const servers = (skill: SkillName, client: McpClientSpec, ref?: (s: PluginSetting) => string): Record<string, unknown> => {
  const e = entry(skill, client, ref)
  return e ? { [e.key]: e.entry } : {}
}

const client = (id: string): McpClientSpec => clientById(id)!
const author = (pkg: PackageInfo) => ({ name: pkg.name })

/** Agent Plugins 1.0: closed root plugin.json, skills/, mcp.json with $schema and a `type` per server; no expansion but ${PLUGIN_ROOT}/${PLUGIN_DATA}. */
function agentPluginFiles({ skill, pkg, meta: m }: PluginInput): Files {
  return new Map([
    ['plugin.json', json({
      $schema: `${AGENT_PLUGINS_SCHEMA}/plugin.schema.json`, name: skill, version: pkg.version, description: m.description,
      author: author(pkg), ...(pkg.homepage ? { homepage: pkg.homepage, repository: pkg.homepage } : {}), license: pkg.license, keywords: m.keywords,
    })],
    ['mcp.json', json({ $schema: `${AGENT_PLUGINS_SCHEMA}/mcp.schema.json`, mcpServers: servers(skill, client('claude-code')) })],
  ])
}

const claudeRef = (s: PluginSetting): string => `\${user_config.${s.key}}`

function claudeUserConfig(skill: SkillName): Record<string, unknown> | undefined {
  const list = PLUGIN_SETTINGS[skill]
  if (list.length === 0) return undefined
  return Object.fromEntries(list.map((s) => [s.key, {
    type: 'string', title: s.title, description: s.description, required: false, default: s.default, ...(s.options ? { options: s.options } : {}),
  }]))
}

export const CHANNELS: readonly Channel[] = [
  {
    id: 'agent-plugins', displayName: 'Agent Plugins 1.0', install: 'the client\'s own plugin install, pointed at plugins/<name>',
    pluginFiles: agentPluginFiles,
    limits: 'no steering and no connection facts (the spec forbids expansion other than ${PLUGIN_ROOT}/${PLUGIN_DATA}): the server starts docs-only/unconnected; `npx dbskills add <skill> --cluster-…` writes both for the project.',
  },
  {
    id: 'claude', displayName: 'Claude Code', install: 'claude plugin marketplace add <repo> && claude plugin install <name>@dbskills',
    pluginFiles: ({ skill, pkg, meta: m }) => {
      const userConfig = claudeUserConfig(skill)
      return new Map([['.claude-plugin/plugin.json', json({
        name: skill, version: pkg.version, description: m.description, author: author(pkg),
        ...(pkg.homepage ? { homepage: pkg.homepage, repository: pkg.homepage } : {}), license: pkg.license, keywords: m.keywords,
        ...(userConfig ? { userConfig } : {}),
        mcpServers: servers(skill, client('claude-code'), claudeRef),
      })]])
    },
    rootFiles: (plugins) => new Map([['.claude-plugin/marketplace.json', json({
      name: plugins[0]?.pkg.name ?? 'dbskills',
      owner: { name: plugins[0]?.pkg.name ?? 'dbskills' },
      metadata: { description: 'AWS database skills (Aurora DSQL, DynamoDB, Aurora PostgreSQL, Aurora MySQL) with their MCP servers, read-only by default.', version: plugins[0]?.pkg.version },
      plugins: plugins.map(({ skill, pkg, meta: m }) => ({ name: skill, source: `./plugins/${skill}`, description: m.description, version: pkg.version, category: 'database' })),
    })]]),
    limits: 'no steering (plugins carry no CLAUDE.md); the skill loads by its description. For the always-on "read the skill first" block run `npx dbskills add <skill> -a claude-code --no-mcp`.',
  },
  {
    id: 'codex', displayName: 'Codex', install: 'codex plugin marketplace add <repo> && codex plugin add <name>@dbskills',
    pluginFiles: ({ skill, pkg, meta: m }) => {
      return new Map([
        ['.codex-plugin/plugin.json', json({
          name: skill, version: pkg.version, description: m.description, author: author(pkg),
          ...(pkg.homepage ? { homepage: pkg.homepage, repository: pkg.homepage } : {}), license: pkg.license, keywords: m.keywords,
          skills: './skills/', mcpServers: './.mcp.codex.json',
          interface: { displayName: m.title, shortDescription: m.description, developerName: pkg.name, category: 'Database' },
        })],
        // Codex has no interpolation in MCP config: no connection facts, the server starts docs-only/unconnected.
        // Codex 0.169 prefers the Agent Plugins files when a folder has both (its server env gets PLUGIN_ROOT); these
        // two files serve Codex builds that read only .codex-plugin/ (checked by deleting plugin.json and mcp.json).
        ['.mcp.codex.json', json({ mcpServers: servers(skill, client('codex')) })],
      ])
    },
    limits: 'no steering and no connection facts (Codex does not substitute values into MCP config): `npx dbskills add <skill> -a codex --cluster-…` writes the AGENTS.md block and a connected .codex/config.toml entry.',
  },
  {
    id: 'copilot', displayName: 'Copilot CLI', install: 'copilot plugin marketplace add <repo> && copilot plugin install <name>@dbskills (or a local path to plugins/<name>)',
    // Copilot CLI reads the Agent Plugins root plugin.json + mcp.json (checked with 1.0.102).
    pluginFiles: agentPluginFiles,
    limits: 'no steering and no connection facts (it reads the Agent Plugins files): `npx dbskills add <skill> -a copilot --cluster-…` adds the AGENTS.md pointer and a connected .mcp.json entry.',
  },
  {
    id: 'gemini', displayName: 'Gemini CLI', install: 'gemini extensions install <clone>/plugins/<name> (0.61 installs a git URL only when gemini-extension.json is at its root)',
    pluginFiles: ({ skill, pkg, meta: m }) => {
      const settings = PLUGIN_SETTINGS[skill]
      // ${NAME:-default} is resolved from the extension's settings (.env) or the environment; unset gives the default.
      const ref = (s: PluginSetting) => `\${${settingEnvName(skill, s)}:-${s.default}}`
      return new Map([
        ['gemini-extension.json', json({
          name: skill, version: pkg.version, description: m.description, contextFileName: 'GEMINI.md',
          mcpServers: servers(skill, client('gemini'), settings.length ? ref : undefined),
          ...(settings.length ? { settings: settings.map((s) => ({ name: s.title, description: s.description, envVar: settingEnvName(skill, s), sensitive: false })) } : {}),
        })],
        ['GEMINI.md', contextText(skill, m, 'gemini')],
      ])
    },
    limits: 'steering is carried by GEMINI.md (loaded every session) but without project facts; facts come from the extension settings (`gemini extensions config <name>`).',
  },
  {
    id: 'cursor', displayName: 'Cursor', install: 'add <repo> as a plugin marketplace, or plugins/<name> as a local plugin (no CLI to check here)',
    pluginFiles: ({ skill, pkg, meta: m }) => {
      const ref = (s: PluginSetting) => `\${env:${settingEnvName(skill, s)}}`
      return new Map([
        ['.cursor-plugin/plugin.json', json({
          name: skill, displayName: m.title, description: m.description, version: pkg.version, author: author(pkg),
          license: pkg.license, keywords: m.keywords, skills: './skills/', rules: './rules/',
          mcpServers: servers(skill, client('cursor'), PLUGIN_SETTINGS[skill].length ? ref : undefined),
        })],
        [`rules/dbskills-${skill}.mdc`, cursorRule(skill, m)],
      ])
    },
    limits: 'connection facts only as environment variables (${env:NAME}) set before Cursor starts; the rule carries the read-the-skill-first steering without project facts.',
  },
  {
    // Kiro IDE 1.0.288 (2026-08-07) installs powers in the Agent Plugins format from a folder or a GitHub URL and
    // reads client files under dev.kiro/ (steering/*.md); older Kiro IDEs read only POWER.md (`dbskills power`).
    // Kiro CLI has no powers (kirodotdev/Kiro#10146 open): there `npx dbskills add <skill> -a kiro` is the way.
    id: 'kiro', displayName: 'Kiro power', install: 'Kiro IDE >= 1.0.288, Powers panel > Add power > GitHub URL or local folder (plugins/<name>)',
    pluginFiles: (input) => new Map([...agentPluginFiles(input), [`dev.kiro/steering/dbskills-${input.skill}.md`, kiroSteering(input.skill, input.meta)]]),
    limits: 'no connection facts (Agent Plugins forbids expansion): the server starts docs-only/unconnected; `npx dbskills add <skill> -a kiro --cluster-…` writes .kiro/steering with the facts and a connected .kiro/settings/mcp.json. Kiro IDE before 1.0.288 and Kiro CLI do not read this format: use `dbskills power` (POWER.md) or `dbskills add`.',
  },
]

export function channelById(id: string): Channel | undefined {
  return CHANNELS.find((c) => c.id === id)
}
