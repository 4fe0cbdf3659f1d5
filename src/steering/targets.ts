/**
 * Which shared steering file (CLAUDE.md, AGENTS.md, GEMINI.md) gets which form of a skill's pointer, for a set of
 * agents, so that every agent loads the pointer once. Pure: agents in, targets out.
 *
 * Measured with the real CLIs (knowledge/REAL-CLIENTS.md, test/clients/*.slow.test.ts): Copilot CLI loads AGENTS.md,
 * CLAUDE.md and GEMINI.md together and merges only files whose whole text is identical, so the same block in two of
 * them reaches it twice. Claude Code follows `@AGENTS.md` and loads the named file once however often it is named;
 * Gemini CLI also follows `@file` but inlines it at every mention (four skills would load it four times), and Codex
 * does not follow imports at all. Hence:
 * 1. every agent that reads one file gets its block there;
 * 2. an agent that reads several files (Copilot) gets no file of its own when one it reads already gets the block;
 * 3. where it would still see the block in several files, one is the primary (the first, in its `reads` order, whose
 *    readers cannot import) and every other file whose readers all import once (CLAUDE.md) gets an import of the
 *    primary instead of the full block;
 *    what is left over is reported as a duplicate, so the caller can say so.
 */
import type { Agent, AgentId } from '../agents/registry.js'

export interface SteeringTarget {
  path: string
  /** The agents this file's block serves. */
  agents: AgentId[]
  /** 'block': the full steering; 'import': a line that makes the reader load `from` instead. */
  form: 'block' | 'import'
  from?: string
}

export interface SteeringTargets {
  targets: SteeringTarget[]
  /** An agent that still loads the same block from several files, and which files. */
  duplicates: { agent: AgentId; paths: string[] }[]
}

type BlockAgent = Agent & { steering: { kind: 'block'; path: string } }
const isBlock = (a: Agent): a is BlockAgent => a.steering.kind === 'block'

export function steeringTargets(agents: readonly Agent[]): SteeringTargets {
  const files = new Map<string, AgentId[]>()
  const add = (path: string, id: AgentId) => files.set(path, [...new Set([...(files.get(path) ?? []), id])])
  const block = agents.filter(isBlock)
  const single = block.filter((a) => a.reads.length <= 1)
  const multi = block.filter((a) => a.reads.length > 1)
  for (const a of single) add(a.steering.path, a.id)
  for (const a of multi) {
    const covered = a.reads.filter((p) => files.has(p))
    if (covered.length === 0) add(a.steering.path, a.id)
    for (const p of covered) add(p, a.id)
  }

  const imports = new Map<string, string>()
  const duplicates: SteeringTargets['duplicates'] = []
  for (const a of multi) {
    const seen = a.reads.filter((p) => files.has(p))
    if (seen.length < 2) continue
    const importable = (p: string) => (files.get(p) ?? []).filter((id) => id !== a.id).every((id) => block.find((b) => b.id === id)!.importsOnce)
    // The primary is a file that cannot import (so the others can import it), else the first.
    const primary = seen.find((p) => !importable(p)) ?? seen[0]!
    const left: string[] = [primary]
    for (const p of seen) {
      if (p === primary) continue
      if (importable(p)) imports.set(p, primary)
      else left.push(p)
    }
    if (left.length > 1) duplicates.push({ agent: a.id, paths: left })
  }

  const targets = [...files].map(([path, ids]): SteeringTarget => {
    const from = imports.get(path)
    return from ? { path, agents: ids, form: 'import', from } : { path, agents: ids, form: 'block' }
  })
  return { targets, duplicates }
}

/** The body of an import block: one `@file` line (Claude Code's import syntax) naming where the steering is. */
export function importBody(title: string, from: string): string {
  return `The ${title} steering for this project is in ${from}, imported here: @${from}\n`
}
