import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { AGENTS, findAgent, type Agent } from '../agents/registry.js'
import { UsageError } from '../core/errors.js'
import type { LinkMode } from '../install/plan.js'

/** Options every command accepts. */
export interface CommonOptions {
  dir?: string
  json?: boolean
}

/** `--agent a,b --agent c` -> ['a', 'b', 'c'] (commander collects repeats into an array). */
export function splitList(values: string[] | string | undefined): string[] {
  const list = Array.isArray(values) ? values : values ? [values] : []
  return list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** Resolve agent ids and aliases; every unknown id is reported at once. */
export function parseAgents(values: string[] | string | undefined): Agent[] | undefined {
  const ids = splitList(values)
  if (ids.length === 0) return undefined
  const unknown = ids.filter((id) => !findAgent(id))
  if (unknown.length)
    throw new UsageError(`Unknown agent ${unknown.map((u) => `"${u}"`).join(', ')}.`, {
      hint: `Valid agents: ${AGENTS.map((a) => a.id).join(', ')} (aliases: ${AGENTS.flatMap((a) => a.aliases).join(', ')}).`,
    })
  return [...new Map(ids.map((id) => findAgent(id)!).map((a) => [a.id, a])).values()]
}

export function parseLink(value: string | undefined): LinkMode {
  const v = value ?? 'auto'
  if (v === 'auto' || v === 'symlink' || v === 'copy') return v
  throw new UsageError(`--link must be auto, symlink or copy (got "${v}").`)
}

/** The project dir: --dir or cwd; it must exist and be a directory. */
export async function resolveDir(dir: string | undefined, cwd: string): Promise<string> {
  const abs = resolve(cwd, dir ?? '.')
  const st = statSync(abs, { throwIfNoEntry: false })
  if (!st) throw new UsageError(`--dir ${dir ?? abs}: no such directory (${abs}).`, { hint: 'Create it first, or point --dir at your project.' })
  if (!st.isDirectory()) throw new UsageError(`--dir ${dir ?? abs} is not a directory (${abs}).`)
  return abs
}
