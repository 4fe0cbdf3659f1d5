/**
 * Agents as data. Paths are relative to the project (or, for --global, to the home directory).
 * Sources for every path: ../shared/knowledge/AGENT-CONVENTIONS.md (§2 Kiro, §3 Claude Code, §4 Cursor,
 * §5 Copilot, §6 Codex, §7 Gemini, §10 summary).
 */
export type AgentId = 'kiro' | 'claude-code' | 'cursor' | 'codex' | 'copilot' | 'gemini'

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
}

export const AGENTS: readonly Agent[] = [
  {
    id: 'kiro', displayName: 'Kiro', aliases: ['kiro-cli', 'kiro-ide'],
    skillsDir: '.kiro/skills', globalSkillsDir: '.kiro/skills', autoLink: 'copy',
    detect: ['.kiro'], mcpClient: 'kiro',
    steering: { kind: 'kiro', path: '.kiro/steering/dbskills-{skill}.md' },
  },
  {
    id: 'claude-code', displayName: 'Claude Code', aliases: ['claude'],
    skillsDir: '.claude/skills', globalSkillsDir: '.claude/skills', autoLink: 'symlink',
    detect: ['.claude', 'CLAUDE.md', '.mcp.json'], mcpClient: 'claude-code',
    steering: { kind: 'block', path: 'CLAUDE.md' },
  },
  {
    // Cursor also reads .agents/skills, but Cloud Agent and slash commands only see .cursor/skills
    // (vercel-labs/skills#2264, #556), so it gets its own link.
    id: 'cursor', displayName: 'Cursor', aliases: [],
    skillsDir: '.cursor/skills', globalSkillsDir: '.cursor/skills', autoLink: 'symlink',
    detect: ['.cursor', '.cursorrules'], mcpClient: 'cursor',
    steering: { kind: 'cursor', path: '.cursor/rules/dbskills-{skill}.mdc' },
  },
  {
    id: 'codex', displayName: 'Codex', aliases: ['openai-codex'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    detect: ['.codex'], mcpClient: 'codex',
    steering: { kind: 'block', path: 'AGENTS.md' },
  },
  {
    id: 'copilot', displayName: 'GitHub Copilot', aliases: ['github-copilot', 'vscode'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    detect: ['.github/copilot-instructions.md', '.github/instructions', '.vscode/mcp.json'], mcpClient: 'vscode',
    steering: { kind: 'block', path: 'AGENTS.md' },
  },
  {
    id: 'gemini', displayName: 'Gemini CLI', aliases: ['gemini-cli'],
    skillsDir: CANONICAL_DIR, globalSkillsDir: CANONICAL_DIR, autoLink: 'symlink',
    // Gemini CLI reads GEMINI.md unless settings name AGENTS.md as a context file (AGENT-CONVENTIONS §7).
    detect: ['.gemini', 'GEMINI.md'], mcpClient: 'gemini',
    steering: { kind: 'block', path: 'GEMINI.md' },
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
