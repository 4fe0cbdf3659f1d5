import { AGENTS, DEFAULT_AGENTS, agentById, type Agent } from '../agents/registry.js'
import { createContext, type Context } from '../core/context.js'
import { UsageError, UserError } from '../core/errors.js'
import { loadCatalog, type Skill } from '../knowledge/load.js'
import { probe } from '../install/disk.js'
import { readRecord, type InstallRecord } from '../install/record.js'
import type { PlanContext } from '../install/plan.js'
import { join } from 'node:path'
import { resolveDir } from './options.js'
import pkg from '../../package.json' with { type: 'json' }

/** The resolved surroundings of one command run: where we write and what is already there. */
export interface Project {
  ctx: Context
  /** Project dir, or the home dir for --global. */
  base: string
  scope: 'project' | 'global'
  record: InstallRecord
}

export async function openProject(opts: { dir?: string; global?: boolean; cwd?: string; home?: string; platform?: NodeJS.Platform }): Promise<Project> {
  const cwd = await resolveDir(opts.dir, opts.cwd ?? process.cwd())
  const ctx = createContext({ cwd, version: pkg.version, ...(opts.home ? { home: opts.home } : {}), ...(opts.platform ? { platform: opts.platform } : {}) })
  const home = ctx.env.DBSKILLS_HOME ?? ctx.home
  const base = opts.global ? home : cwd
  return { ctx: { ...ctx, home }, base, scope: opts.global ? 'global' : 'project', record: await readRecord(base) }
}

export function planContext(p: Project, force: boolean): PlanContext {
  return { base: p.base, scope: p.scope, platform: p.ctx.platform, force, packageVersion: p.ctx.version, record: p.record }
}

/** The packaged skills; a packaged skill that fails validation is never installed. */
export async function catalog(p: Project): Promise<Skill[]> {
  const { skills, issues } = await loadCatalog(p.ctx.packageRoot)
  if (skills.length === 0) throw new UserError(`No valid skills found in ${join(p.ctx.packageRoot, 'skills')}.`, { hint: issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n') })
  return skills
}

/** Resolve requested names against the catalog; unknown names are a usage error listing what exists. */
export function pickSkills(all: Skill[], names: string[]): Skill[] {
  const unknown = names.filter((n) => !all.some((s) => s.name === n))
  if (unknown.length)
    throw new UsageError(`Unknown skill ${unknown.map((u) => `"${u}"`).join(', ')}.`, { hint: `Available skills: ${all.map((s) => s.name).join(', ')}.` })
  return [...new Set(names)].map((n) => all.find((s) => s.name === n)!)
}

/** Agents whose folders exist under the base; if none, the defaults. */
export async function detectAgents(base: string): Promise<{ agents: Agent[]; detected: boolean }> {
  const found: Agent[] = []
  for (const a of AGENTS) {
    for (const d of a.detect) if ((await probe(join(base, d))).type !== 'missing') { found.push(a); break }
  }
  return found.length ? { agents: found, detected: true } : { agents: DEFAULT_AGENTS.map(agentById), detected: false }
}
