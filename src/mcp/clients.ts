/**
 * MCP clients as data: where each keeps its config, under which key, and how it references environment variables.
 * Sources are knowledge/AGENT-CONVENTIONS.md §2.3 (Kiro), §3 (Claude Code), §4 (Cursor), §5 (VS Code), §6 (Codex),
 * §7 (Gemini CLI), checked 2026-11. Behaviour is derived from these fields; no code branches on a client id.
 */

import type { ConfigFormat } from '../writers/config-writer.js'

export type McpClientId = 'kiro' | 'claude-code' | 'cursor' | 'vscode' | 'codex' | 'gemini'

export interface McpClientSpec {
  id: McpClientId
  displayName: string
  /** Which writer edits the file: src/writers/mcp-json.ts (JSON and JSONC) or src/writers/mcp-toml.ts. */
  format: ConfigFormat
  /** Config file, relative to the project root. */
  projectPath: string
  /** Config file for user scope, relative to the home directory; per-platform where it differs. */
  globalPath: string
  globalPathByPlatform?: Partial<Record<NodeJS.Platform, string>>
  /** Keys from the document root to the object that maps server names to entries. */
  topKeyPath: string[]
  /**
   * How an env value refers to a variable of the client's environment; NAME is replaced. Absent: the client has no
   * interpolation, so variables are forwarded by name (Codex `env_vars`).
   */
  envRef?: string
  /** Reference form for a variable that may be unset (e.g. AWS_SESSION_TOKEN with long-term keys). */
  optionalEnvRef?: string
  /** A variable the client expands inside `args` to the user's home directory; absent: we write the absolute path. */
  homeRef?: { posix: string; win32: string }
  /** Value of a `type` field on stdio entries, for clients that want one. */
  stdioType?: 'stdio'
  /** The programs that read this file (a project .mcp.json is read by Claude Code, Copilot CLI and Qwen Code). */
  readers: string[]
  /**
   * How strictly the strictest reader parses a JSON file: 'json' loads nothing from a file with a comment or a
   * trailing comma (Claude Code: zero servers), 'json-comments' takes comments but not trailing commas (Gemini CLI
   * refuses to start), 'jsonc' accepts both. Measured with the real CLIs, REAL-CLIENTS.md.
   */
  syntax: 'json' | 'json-comments' | 'jsonc' | 'toml'
  /** What the strictest reader says about a file it cannot parse, in its own words. */
  syntaxError?: string
  /**
   * Which of the launching shell's variables the server inherits: 'all'; 'none' (only HOME, PATH and what the entry
   * names: Codex); or all but names matching `drop` (Gemini CLI drops *KEY*, *TOKEN*, *SECRET* and AWS_DEFAULT_REGION).
   */
  shellEnv: 'all' | 'none' | { drop: string }
  /** Fields written into every entry after the launch fields, e.g. Codex's startup timeout. */
  extra?: Record<string, string | number | boolean>
  /** What the user still has to do after we write the file. */
  notes: string[]
}

/** The shell variables a server needs for the default AWS credential chain (profile, region, exported keys). */
export const AWS_SHELL_VARIABLES = ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const

/** Whether a server launched by `client` inherits shell variable `name` without the entry naming it. */
export function inheritsFromShell(client: McpClientSpec, name: string): boolean {
  if (client.shellEnv === 'all') return true
  if (client.shellEnv === 'none') return false
  return !new RegExp(client.shellEnv.drop).test(name)
}

export const CLIENTS: readonly McpClientSpec[] = [
  {
    // ${VAR} expansion in env is documented; expansion inside args is not (AGENT-CONVENTIONS §2.3), hence no homeRef.
    id: 'kiro',
    displayName: 'Kiro',
    format: 'json',
    projectPath: '.kiro/settings/mcp.json',
    globalPath: '.kiro/settings/mcp.json',
    topKeyPath: ['mcpServers'],
    envRef: '${NAME}',
    // Not verifiable here (no Kiro CLI on npm): Kiro's documentation shows plain JSON; we accept comments as before.
    readers: ['Kiro'],
    syntax: 'jsonc',
    shellEnv: 'all',
    notes: ['Kiro picks up a saved mcp.json by itself; check the server in the MCP Servers panel.'],
  },
  {
    // .mcp.json expands ${VAR} and ${VAR:-default} in command, args and env; an unset variable without a default
    // stays literal, so optional ones get an empty default. User scope lives in ~/.claude.json (AGENT-CONVENTIONS §3).
    // Copilot CLI (which dropped .vscode/mcp.json) and Qwen Code read the same file with the same entries, so one
    // file serves all three and each lists every server once (measured with the real CLIs, REAL-CLIENTS.md).
    id: 'claude-code',
    displayName: 'Claude Code',
    format: 'json',
    projectPath: '.mcp.json',
    globalPath: '.claude.json',
    topKeyPath: ['mcpServers'],
    envRef: '${NAME}',
    optionalEnvRef: '${NAME:-}',
    homeRef: { posix: '${HOME}', win32: '${USERPROFILE}' },
    stdioType: 'stdio',
    readers: ['Claude Code', 'Copilot CLI', 'Qwen Code'],
    syntax: 'json',
    syntaxError: 'loads no server from it ("MCP config is not a valid JSON")',
    shellEnv: 'all',
    notes: ['Claude Code asks you to approve servers from a project .mcp.json: start `claude` in the project and accept, then check with `claude mcp list`.'],
  },
  {
    // ${env:NAME} and ${userHome} are expanded in command, args and env (AGENT-CONVENTIONS §4).
    id: 'cursor',
    displayName: 'Cursor',
    format: 'json',
    projectPath: '.cursor/mcp.json',
    globalPath: '.cursor/mcp.json',
    topKeyPath: ['mcpServers'],
    envRef: '${env:NAME}',
    homeRef: { posix: '${userHome}', win32: '${userHome}' },
    readers: ['Cursor'],
    syntax: 'jsonc',
    shellEnv: 'all',
    notes: ['Cursor lists the server under Settings > MCP; enable it there if it shows as disabled.'],
  },
  {
    // Top-level `servers` (not mcpServers), `type` on stdio entries. ${userHome} is a documented predefined variable;
    // ${env:NAME} is VS Code's standard variable form but the MCP reference page does not list it (UNCONFIRMED 2026-11).
    id: 'vscode',
    displayName: 'VS Code (GitHub Copilot)',
    format: 'json',
    projectPath: '.vscode/mcp.json',
    globalPath: '.config/Code/User/mcp.json',
    globalPathByPlatform: {
      darwin: 'Library/Application Support/Code/User/mcp.json',
      win32: 'AppData/Roaming/Code/User/mcp.json',
    },
    topKeyPath: ['servers'],
    envRef: '${env:NAME}',
    homeRef: { posix: '${userHome}', win32: '${userHome}' },
    stdioType: 'stdio',
    readers: ['VS Code'],
    syntax: 'jsonc',
    shellEnv: 'all',
    notes: ['VS Code asks you to trust a new MCP server before it starts it; run "MCP: List Servers" to start or inspect it.'],
  },
  {
    // TOML [mcp_servers.<name>]; no `type`, no interpolation: variables are forwarded by name through env_vars
    // (AGENT-CONVENTIONS §6, codex-rs/config/src/mcp_types.rs).
    id: 'codex',
    displayName: 'Codex',
    format: 'toml',
    projectPath: '.codex/config.toml',
    globalPath: '.codex/config.toml',
    topKeyPath: ['mcp_servers'],
    readers: ['Codex'],
    syntax: 'toml',
    shellEnv: 'none',
    // Codex gives up on a server after 30 s by default; a first uvx start downloads the server and its dependencies.
    extra: { startup_timeout_sec: 120 },
    notes: ['Codex reads a project .codex/config.toml only in trusted projects: trust this folder when Codex asks.'],
  },
  {
    // $VAR / ${VAR} expand in the env block; undefined becomes an empty string. Server names avoid `_` because tool
    // names are split at the first underscore (AGENT-CONVENTIONS §7); our keys use `-`.
    id: 'gemini',
    displayName: 'Gemini CLI',
    format: 'json',
    projectPath: '.gemini/settings.json',
    globalPath: '.gemini/settings.json',
    topKeyPath: ['mcpServers'],
    envRef: '${NAME}',
    // Gemini expands ${VAR} in every string of settings.json, args included (measured: the Docker mount arrives as
    // the user's home), so the mount uses ${HOME} rather than the installer's absolute path.
    homeRef: { posix: '${HOME}', win32: '${USERPROFILE}' },
    readers: ['Gemini CLI'],
    syntax: 'json-comments',
    syntaxError: 'refuses to start ("Please fix the configuration file(s) and try again")',
    shellEnv: { drop: '(KEY|TOKEN|SECRET)|^AWS_DEFAULT_REGION$' },
    notes: ['Gemini CLI ignores workspace settings in untrusted folders: trust this folder when asked, then check with /mcp.'],
  },
]

export function clientById(id: string): McpClientSpec | undefined {
  return CLIENTS.find((c) => c.id === id)
}

/** The user-scope config path of a client on a platform, relative to the home directory. */
export function globalConfigPath(client: McpClientSpec, platform: NodeJS.Platform): string {
  return client.globalPathByPlatform?.[platform] ?? client.globalPath
}

/** How the client's env block refers to variable `name`, or undefined when the client forwards names instead. */
export function envReference(client: McpClientSpec, name: string, optional = false): string | undefined {
  const template = (optional ? client.optionalEnvRef : undefined) ?? client.envRef
  return template?.replace('NAME', name)
}
