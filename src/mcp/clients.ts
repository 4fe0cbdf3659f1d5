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
  /** What the user still has to do after we write the file. */
  notes: string[]
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
    notes: ['Kiro picks up a saved mcp.json by itself; check the server in the MCP Servers panel.'],
  },
  {
    // .mcp.json expands ${VAR} and ${VAR:-default} in command, args and env; an unset variable without a default
    // stays literal, so optional ones get an empty default. User scope lives in ~/.claude.json (AGENT-CONVENTIONS §3).
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
