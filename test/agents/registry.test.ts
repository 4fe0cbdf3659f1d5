import { describe, expect, it } from 'vitest'
import { AGENTS, CANONICAL_DIR, DEFAULT_AGENTS, findAgent, readsCanonical } from '../../src/agents/registry.js'
import { parseAgents, parseLink, splitList } from '../../src/cli/options.js'
import { UsageError } from '../../src/core/errors.js'

describe('the agent table', () => {
  it('has unique ids and aliases, and unique own skills dirs', () => {
    const names = AGENTS.flatMap((a) => [a.id, ...a.aliases])
    expect(new Set(names).size).toBe(names.length)
    const own = AGENTS.filter((a) => !readsCanonical(a)).map((a) => a.skillsDir)
    expect(new Set(own).size).toBe(own.length)
  })

  it('only Codex, Copilot, Gemini and Qwen read the canonical dir; Kiro gets copies under auto', () => {
    expect(AGENTS.filter(readsCanonical).map((a) => a.id)).toEqual(['codex', 'copilot', 'gemini', 'qwen'])
    expect(AGENTS.filter((a) => a.autoLink === 'copy').map((a) => a.id)).toEqual(['kiro'])
    expect(AGENTS.every((a) => a.skillsDir === CANONICAL_DIR || a.skillsDir.endsWith('/skills'))).toBe(true)
  })

  it.each([
    ['kiro', 'kiro'], ['kiro-cli', 'kiro'], ['claude-code', 'claude-code'], ['Cursor', 'cursor'],
    ['github-copilot', 'copilot'], ['gemini-cli', 'gemini'], ['codex', 'codex'], ['qwen-code', 'qwen'], ['Qwen', 'qwen'], ['vim', undefined],
  ])('findAgent(%s) = %s', (id, want) => {
    expect(findAgent(id)?.id).toBe(want)
  })

  // Copilot CLI dropped .vscode/mcp.json and reads .mcp.json (mcpServers), like Claude Code and Qwen Code: one file,
  // one entry per server for all three. VS Code stays reachable as --mcp-client vscode.
  it('Copilot and Qwen read the project .mcp.json; VS Code is its own client', () => {
    expect(findAgent('copilot')!.mcpClient).toBe('claude-code')
    expect(findAgent('qwen')!.mcpClient).toBe('claude-code')
    expect(findAgent('qwen')!.steering).toEqual({ kind: 'block', path: 'AGENTS.md' })
  })

  it('every agent with a CLI says exactly how to trust or approve the project', () => {
    for (const id of ['claude-code', 'codex', 'copilot', 'gemini', 'qwen']) expect(findAgent(id)!.trust).toContain('{dir}')
  })

  it('defaults are kiro, claude-code, cursor', () => {
    expect(DEFAULT_AGENTS).toEqual(['kiro', 'claude-code', 'cursor'])
  })
})

describe('option parsing', () => {
  it.each([
    [['kiro,claude-code', 'cursor'], ['kiro', 'claude-code', 'cursor']],
    [['kiro-cli, github-copilot'], ['kiro', 'copilot']],
    [['kiro', 'kiro-cli'], ['kiro']],
  ])('--agent %j', (values, want) => {
    expect(parseAgents(values)!.map((a) => a.id)).toEqual(want)
  })

  it('reports every unknown agent with the valid ids (usage error)', () => {
    let err: unknown
    try { parseAgents(['vim,kiro', 'emacs']) } catch (e) { err = e }
    expect(err).toBeInstanceOf(UsageError)
    expect((err as UsageError).message).toBe('Unknown agent "vim", "emacs".')
    expect((err as UsageError).hint).toMatch(/kiro, claude-code, cursor, codex, copilot, gemini, qwen/)
  })

  it('splits lists and validates --link', () => {
    expect(splitList(['a,,b', ' c '])).toEqual(['a', 'b', 'c'])
    expect(parseLink(undefined)).toBe('auto')
    expect(() => parseLink('hard')).toThrow(UsageError)
  })
})
