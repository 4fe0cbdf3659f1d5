/**
 * What each client CLI can be asked, read-only and without a model session, and how to read its answer: data plus
 * small pure parsers, so `doctor --clients` and its tests share one table. Commands and output shapes were measured
 * with Claude Code 2.1.328, Codex 0.169.0, Gemini CLI 0.61.0, Copilot CLI 1.0.102 and Qwen Code 0.24.4
 * (knowledge/REAL-CLIENTS.md; test/clients/*.slow.test.ts runs the same commands).
 */
import type { AgentId } from '../agents/registry.js'

export type Layer = 'skill' | 'steering' | 'mcp'

/** One thing a client reported: the item, whether it is fine, and the client's own line. */
export interface Sighting {
  name: string
  ok: boolean
  line: string
}

export interface Probe {
  layer: Layer
  args: string[]
  /** Every item of that layer the output mentions. */
  parse(output: string): Sighting[]
}

export interface ClientProbe {
  bin: string
  displayName: string
  agent: AgentId
  /** MCP client ids (src/mcp/clients.ts) whose project file this CLI reads. */
  mcpClients: string[]
  /** Steering files it loads at startup. */
  steering: string[]
  probes: Probe[]
  /** Layers it has no read-only command for, and why. */
  unchecked: Partial<Record<Layer, string>>
}

const lines = (out: string) => out.split(/\r?\n/)
// Strip ANSI colour codes (Qwen prints them even with NO_COLOR).
const plain = (out: string) => out.replace(/\x1b\[[0-9;]*m/g, '')

/** `name: command ... - Status` lines (Claude Code, Gemini CLI, Qwen Code `mcp list`). */
export function statusLines(okWords: RegExp): (out: string) => Sighting[] {
  return (out) => lines(plain(out)).flatMap((line) => {
    const m = /^\s*(?:[✓✗●✔✘]\s+)?([A-Za-z0-9_.@-]+): .* - (.+)$/.exec(line)
    return m ? [{ name: m[1]!, ok: okWords.test(m[2]!), line: line.trim() }] : []
  })
}

/** `codex mcp list --json`: every configured server (Codex starts none here; enabled is what it can tell). */
export function codexServers(out: string): Sighting[] {
  try {
    // Codex may print a warning line after the JSON (stderr is appended): take the array alone.
    const list = JSON.parse(out.slice(out.indexOf('['), out.lastIndexOf(']') + 1)) as { name: string; enabled: boolean; disabled_reason: string | null }[]
    return list.map((s) => ({ name: s.name, ok: s.enabled, line: `${s.name}: ${s.enabled ? 'enabled' : `disabled (${s.disabled_reason ?? 'no reason given'})`}` }))
  } catch {
    return []
  }
}

/** `- name: description` lines of a skills listing in a prompt (`codex debug prompt-input`). */
export function promptSkills(out: string): Sighting[] {
  return [...out.matchAll(/(?:^|\\n|\n)- ([a-z0-9-]+): /g)].map((m) => ({ name: m[1]!, ok: true, line: `- ${m[1]}: …` }))
}

/** Which project instruction files a prompt says it holds (`AGENTS.md instructions for <dir>`). */
export function promptInstructions(out: string): Sighting[] {
  return [...out.matchAll(/(AGENTS\.md) instructions for ([^\\"\n]+)/g)].map((m) => ({ name: m[1]!, ok: true, line: m[0] }))
}

/** `  name - description` (Copilot `skill list`, project section) or `name [Enabled]` (Gemini `skills list`). */
export function skillLines(out: string): Sighting[] {
  return lines(plain(out)).flatMap((line) => {
    const copilot = /^ {2}([a-z0-9-]+) - /.exec(line)
    if (copilot) return [{ name: copilot[1]!, ok: true, line: line.trim().slice(0, 80) }]
    const gemini = /^([a-z0-9-]+) \[(Enabled|Disabled)\]$/.exec(line)
    return gemini ? [{ name: gemini[1]!, ok: gemini[2] === 'Enabled', line: line.trim() }] : []
  })
}

/** Copilot `mcp list`: `  name (local)` under "Workspace servers:". */
export function copilotServers(out: string): Sighting[] {
  return lines(plain(out)).flatMap((line) => {
    const m = /^ {2}([A-Za-z0-9_.@-]+) \((local|http|sse|stdio)\)(.*)$/.exec(line)
    return m ? [{ name: m[1]!, ok: !/disabled/i.test(m[3]!), line: line.trim() }] : []
  })
}

/** Copilot `instruction list`: `from AGENTS.md + GEMINI.md` lines, one sighting per file named. */
export function copilotInstructions(out: string): Sighting[] {
  return lines(plain(out)).flatMap((line) => {
    const m = /^\s+from (.+)$/.exec(line)
    return m ? m[1]!.split(' + ').map((f) => ({ name: f.trim(), ok: true, line: line.trim() })) : []
  })
}

const NO_PROMPT_READ = 'has no read-only command that shows it without starting a model session'

export const CLIENT_PROBES: readonly ClientProbe[] = [
  {
    bin: 'claude', displayName: 'Claude Code', agent: 'claude-code', mcpClients: ['claude-code'], steering: ['CLAUDE.md'],
    probes: [{ layer: 'mcp', args: ['mcp', 'list'], parse: statusLines(/Connected/) }],
    unchecked: { skill: `Claude Code ${NO_PROMPT_READ}`, steering: `Claude Code ${NO_PROMPT_READ}` },
  },
  {
    bin: 'codex', displayName: 'Codex', agent: 'codex', mcpClients: ['codex'], steering: ['AGENTS.md'],
    probes: [
      { layer: 'mcp', args: ['mcp', 'list', '--json'], parse: codexServers },
      { layer: 'skill', args: ['debug', 'prompt-input'], parse: promptSkills },
      { layer: 'steering', args: ['debug', 'prompt-input'], parse: promptInstructions },
    ],
    unchecked: {},
  },
  {
    bin: 'gemini', displayName: 'Gemini CLI', agent: 'gemini', mcpClients: ['gemini'], steering: ['GEMINI.md'],
    probes: [
      { layer: 'mcp', args: ['mcp', 'list'], parse: statusLines(/Connected/) },
      { layer: 'skill', args: ['skills', 'list'], parse: skillLines },
    ],
    unchecked: { steering: `Gemini CLI ${NO_PROMPT_READ}` },
  },
  {
    bin: 'copilot', displayName: 'Copilot CLI', agent: 'copilot', mcpClients: ['claude-code'], steering: ['AGENTS.md', 'CLAUDE.md', 'GEMINI.md'],
    probes: [
      { layer: 'mcp', args: ['mcp', 'list'], parse: copilotServers },
      { layer: 'skill', args: ['skill', 'list'], parse: skillLines },
      { layer: 'steering', args: ['instruction', 'list'], parse: copilotInstructions },
    ],
    unchecked: {},
  },
  {
    bin: 'qwen', displayName: 'Qwen Code', agent: 'qwen', mcpClients: ['claude-code'], steering: ['AGENTS.md'],
    probes: [{ layer: 'mcp', args: ['mcp', 'list'], parse: statusLines(/Connected/) }],
    unchecked: { skill: `Qwen Code ${NO_PROMPT_READ}`, steering: `Qwen Code ${NO_PROMPT_READ}` },
  },
]
