import { UsageError, UserError } from '../../core/errors.js'
import { applyPlan } from '../../install/apply.js'
import { planRemove } from '../../install/plan.js'
import { emitJson, say, type IO } from '../io.js'
import { openProject, planContext, type ProjectEnv } from '../project.js'
import { planJson, renderPlan, summarize } from '../render.js'

export interface RemoveOptions { dir?: string; json?: boolean; global?: boolean; dryRun?: boolean; force?: boolean; yes?: boolean }

export async function runRemove(names: string[], opts: RemoveOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  if (names.length === 0) throw new UsageError('Name the skills to remove, e.g. dbskills remove dsql.')
  const project = await openProject({ ...env, dir: opts.dir, global: opts.global })
  const installed = Object.keys(project.record.skills)
  const missing = names.filter((n) => !installed.includes(n))
  if (missing.length)
    throw new UserError(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed by dbskills in ${project.base}${opts.global ? ' (global)' : ''}.`, {
      hint: installed.length ? `Installed: ${installed.join(', ')}.` : 'Nothing is installed here (see dbskills list).',
    })
  const plan = await planRemove(planContext(project, !!opts.force), names)
  if (opts.dryRun) {
    if (io.json) emitJson(io, planJson(plan, { dryRun: true }))
    else io.out(`Would remove ${names.join(', ')} from ${project.base}\n${renderPlan(plan)}\n(dry run: nothing was written)`)
    return 0
  }
  say(io, `Removing ${names.join(', ')} from ${project.base}\n${renderPlan(plan)}`)
  const result = await applyPlan(plan, { platform: project.ctx.platform })
  if (io.json) emitJson(io, planJson(plan, { dryRun: false, changed: result.done.length > 0 }))
  else io.out(summarize(plan, result))
  return 0
}
