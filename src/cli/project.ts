import { AGENTS, DEFAULT_AGENTS, agentById, type Agent } from '../agents/registry.js'
import { createContext, type Context } from '../core/context.js'
import { UsageError, UserError } from '../core/errors.js'
import { loadCatalog, type Catalog, type Skill } from '../knowledge/load.js'
import { lstatSync } from 'node:fs'
import { readRecord, type InstallRecord } from '../install/record.js'
import { JOURNAL_PATH, readJournal, resumeJournal } from '../install/apply.js'
import { withProjectLock } from '../install/lock.js'
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
  /** Things the user should hear about the project itself (an interrupted run finished first). */
  notes: string[]
  /** The command of an interrupted run that was finished first, if any. */
  resumed?: string
}

/** What tests (and only tests) inject instead of the real process state. */
export interface ProjectEnv { cwd?: string; home?: string; platform?: NodeJS.Platform; packageRoot?: string; isTTY?: boolean }

export async function openProject(opts: ProjectEnv & { dir?: string; global?: boolean }): Promise<Project> {
  const { ctx, base, scope } = await locate(opts)
  return { ctx, base, scope, record: readRecord(base), notes: [] }
}

async function locate(opts: ProjectEnv & { dir?: string; global?: boolean }) {
  const cwd = await resolveDir(opts.dir, opts.cwd ?? process.cwd())
  const ctx = createContext({
    cwd, version: pkg.version,
    ...(opts.home ? { home: opts.home } : {}), ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.packageRoot ? { packageRoot: opts.packageRoot } : {}), ...(opts.isTTY !== undefined ? { isTTY: opts.isTTY } : {}),
  })
  const base = opts.global ? ctx.home : cwd
  return { ctx, base, scope: opts.global ? 'global' as const : 'project' as const }
}

/**
 * A writing command's project: held under the project lock from before the record is read until after apply,
 * with any run that was interrupted here finished first. A dry run takes no lock and reports a pending journal.
 */
export async function withProject(opts: ProjectEnv & { dir?: string; global?: boolean; dryRun?: boolean }, command: string, fn: (p: Project) => Promise<number>): Promise<number> {
  const { ctx, base, scope } = await locate(opts)
  if (opts.dryRun) {
    const notes = readJournal(base) ? [`An interrupted dbskills run left ${JOURNAL_PATH}; the real run finishes it first.`] : []
    return fn({ ctx, base, scope, record: readRecord(base), notes })
  }
  return withProjectLock(base, command, async () => {
    const resumed = resumeJournal(base, { platform: ctx.platform })
    const notes = resumed ? [`Finished an interrupted "dbskills ${resumed}" first.`] : []
    return fn({ ctx, base, scope, record: readRecord(base), notes, ...(resumed ? { resumed } : {}) })
  })
}

export function planContext(p: Project, force: boolean, allowOutside = false): PlanContext {
  return { base: p.base, home: p.ctx.home, scope: p.scope, platform: p.ctx.platform, force, allowOutside, packageVersion: p.ctx.version, record: p.record }
}

/** The packaged skills. A packaged skill that fails validation is listed in `invalid` and never installed. */
export async function catalog(p: Project, only?: readonly string[]): Promise<Catalog> {
  const cat = await loadCatalog(p.ctx.packageRoot, only)
  if (cat.names.length === 0) throw new UserError(`No skills found in ${join(p.ctx.packageRoot, 'skills')}.`, { hint: 'This dbskills package is incomplete; reinstall it.' })
  return cat
}

/** Resolve requested names against the catalog: unknown names are a usage error listing what exists. */
export function pickSkills(cat: Catalog, names: string[]): Skill[] {
  const unknown = names.filter((n) => !cat.names.includes(n))
  if (unknown.length)
    throw new UsageError(`Unknown skill ${unknown.map((u) => `"${u}"`).join(', ')}.`, { hint: `Available skills: ${cat.names.join(', ')}.` })
  const broken = names.filter((n) => cat.invalid.has(n))
  if (broken.length)
    throw new UserError(`Refusing to install ${broken.join(', ')}: the packaged skill does not pass validation.`, {
      hint: broken.flatMap((n) => cat.invalid.get(n)!.map((i) => `${i.file}:${i.line}: ${i.message}`)).join('\n'),
    })
  return [...new Set(names)].map((n) => cat.skills.find((s) => s.name === n)!)
}

/** Agents whose folders exist under the base; if none, the defaults. */
export async function detectAgents(base: string): Promise<{ agents: Agent[]; detected: boolean }> {
  const found: Agent[] = []
  for (const a of AGENTS) {
    for (const d of a.detect) if (lstatSync(join(base, d), { throwIfNoEntry: false })) { found.push(a); break }
  }
  return found.length ? { agents: found, detected: true } : { agents: DEFAULT_AGENTS.map(agentById), detected: false }
}
