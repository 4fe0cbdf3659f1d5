/**
 * Agents as data. Paths are relative to the project (or, for --global, to the home directory).
 * Sources for every path: ../shared/knowledge/AGENT-CONVENTIONS.md (§2 Kiro, §3 Claude Code, §4 Cursor,
 * §5 Copilot, §6 Codex, §7 Gemini, §10 summary) and ../shared/knowledge/REAL-CLIENTS.md (what the real CLIs of Claude
 * Code, Codex, Gemini CLI, Copilot CLI and Qwen Code read, measured 2026-12-02; test/clients/*.slow.test.ts re-checks it).
 */
export type AgentId = 'kiro' | 'claude-code' | 'cursor' | 'codex' | 'copilot' | 'gemini' | 'qwen'

/** Where the canonical, real-file copy of every skill lives. */
export const CANONICAL_DIR = '.agents/skills'

export interface Agent {
  id: AgentId
  displayName: string
  /** Ids the `skills` CLI uses for the same agent. */
  aliases: string[]
  /** The agent's own skills dir, or CANONICAL_DIR when it reads the canonical copy directly. */
  skillsDir: string
  /** Same, under the home directory for --global. */
  globalSkillsDir: string
  /**
   * What `--link auto` puts in skillsDir: 'copy' where the agent ignores symlinked skill folders
   * (Kiro IDE: kirodotdev/Kiro#6401, #8074, #9070), 'symlink' where links are documented to work.
   */
  autoLink: 'copy' | 'symlink'
  /** Paths whose presence in the project means the user works with this agent. */
  detect: string[]
  /** MCP client id (src/mcp/clients.ts) this agent reads its server config from. */
  mcpClient: 'kiro' | 'claude-code' | 'cursor' | 'codex' | 'vscode' | 'gemini'
  /** How the agent is pointed at the skill: its own file, or a managed block in a shared Markdown file. */
  steering: { kind: 'kiro' | 'cursor'; path: string } | { kind: 'block'; path: string }
  /**
   * Every shared Markdown file the agent loads at startup. Copilot CLI loads AGENTS.md, CLAUDE.md and GEMINI.md at
   * once, so the same block in two of them reaches it twice (src/steering/targets.ts avoids that).
   */
  reads: string[]
  /** Whether `@path` lines in those files pull the named file in, once however often it is named (Claude Code). */
  importsOnce?: boolean
  /** What the user must do before the agent loads project files; `{dir}` is the absolute project dir. */
  trust?: string
}

export const AGENTS: readonly Agent[] = [
  {
    id: 'kiro', displayName: 'Kiro', aliases: ['kiro-cli', 'kiro-ide'],
    skillsDir: '.kiro/skills', globalSkillsDir: '.kiro/skills', autoLink: 'copy',
    detect: ['.kiro'], mcpClient: 'kiro',
    // Kiro and Cursor also load AGENTS.md (AGENT-CONVENTIONS §2.2, §4); with no CLI here that is not deduplicated.
    steering: { kind: 'kiro', path: '.kiro/steering/dbskills-{skill}.md' }, reads: [],
  },
  {
    id: 'claude-code', displayName: 'Claude Code', aliases: ['claude'],
    skillsDir: '.claude/skills', globalSkillsDir: '.claude/skills', autoLink: 'symlink',
    detect: ['.claude', 'CLAUDE.md', '.mcp.json'], mcpClient: 'claude-code',
    steering: { kind: 'block', path: 'CLAUDE.md' }, reads: ['CLAUDE.md'], importsOnce: true,
    trust: 'Claude Code: start `claude` in {dir} and approve the project MCP servers (or set "enableAllProjectMcpServers": true in .claude/settings.local.json); check with `claude mcp list`.',
  },
  {
    // Cursor also reads .agents/skills, but Cloud Agent and slash commands only see .cursor/skills
    // (vercel-labs/skills#2264, #556), so it gets its own link.
    id: 'cursor', displayName: 'Cursor', aliases: [],
    skillsDir: '.cursor/skills', globalSkillsDir: '.cursor/skills', autoLink: 'symlink',
    detect: ['.cursor', '.cursorrules'], mcpClient: 'cursor',
    steering: { kind: 'cursor', path: '.cursor/rules/dbskills-{skill}.mdc' }, reads: [],
  },
  {
    id: 'codex', displayName: 'Codex', aliases: ['openai-codex'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    detect: ['.codex'], mcpClient: 'codex',
    steering: { kind: 'block', path: 'AGENTS.md' }, reads: ['AGENTS.md'],
    trust: 'Codex: trust {dir} (start `codex` there and choose to trust it, or add [projects."{dir}"] trust_level = "trusted" to ~/.codex/config.toml); untrusted, Codex ignores .codex/config.toml. Check with `codex mcp list`.',
  },
  {
    // Copilot CLI reads .mcp.json (or .github/mcp.json) with mcpServers and dropped .vscode/mcp.json; the shared
    // .mcp.json keeps one entry per server for every reader (Claude Code, Copilot CLI, Qwen Code). VS Code itself is
    // `--mcp-client vscode` (.vscode/mcp.json, `servers`).
    id: 'copilot', displayName: 'GitHub Copilot', aliases: ['github-copilot', 'copilot-cli', 'vscode'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    detect: ['.github/copilot-instructions.md', '.github/instructions', '.github/mcp.json', '.vscode/mcp.json'], mcpClient: 'claude-code',
    steering: { kind: 'block', path: 'AGENTS.md' }, reads: ['AGENTS.md', 'CLAUDE.md', 'GEMINI.md'],
    trust: 'Copilot CLI: trust {dir} when `copilot` asks (or add it to "trustedFolders" in ~/.copilot/config.json); check with `copilot mcp list`.',
  },
  {
    id: 'gemini', displayName: 'Gemini CLI', aliases: ['gemini-cli'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    // Gemini CLI reads GEMINI.md unless settings name AGENTS.md as a context file (AGENT-CONVENTIONS §7).
    detect: ['.gemini', 'GEMINI.md'], mcpClient: 'gemini',
    steering: { kind: 'block', path: 'GEMINI.md' }, reads: ['GEMINI.md'],
    trust: 'Gemini CLI: trust {dir} (start `gemini` there and accept, or add "{dir}": "TRUST_FOLDER" to ~/.gemini/trustedFolders.json); untrusted, it loads no MCP server, skill or GEMINI.md. Check with `gemini mcp list`.',
  },
  {
    // Qwen Code reads .agents/skills (and .qwen/skills), AGENTS.md and the project .mcp.json; `qwen-code` is the
    // `skills` CLI's id for it (knowledge/SKILLS-CLI.md).
    id: 'qwen', displayName: 'Qwen Code', aliases: ['qwen-code'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    detect: ['.qwen', 'QWEN.md'], mcpClient: 'claude-code',
    steering: { kind: 'block', path: 'AGENTS.md' }, reads: ['AGENTS.md'],
    trust: 'Qwen Code: approve the project MCP servers with `qwen mcp approve --all` in {dir}; check with `qwen mcp list`.',
  },
]

/** Used when no agent's folder exists in the project. */
export const DEFAULT_AGENTS: readonly AgentId[] = ['kiro', 'claude-code', 'cursor']

/** An agent that reads the canonical dir needs nothing of its own in the skills layer. */
export function readsCanonical(agent: Agent): boolean {
  return agent.skillsDir === CANONICAL_DIR
}

/** Resolve an id or alias (case-insensitive). */
export function findAgent(idOrAlias: string): Agent | undefined {
  const k = idOrAlias.trim().toLowerCase()
  return AGENTS.find((a) => a.id === k || a.aliases.includes(k))
}

export function agentById(id: AgentId): Agent {
  const a = AGENTS.find((x) => x.id === id)
  if (!a) throw new Error(`unknown agent ${id}`)
  return a
}
