import { UsageError, UserError } from '../../core/errors.js'
import { planRemove } from '../../install/plan.js'
import { emitJson, type IO } from '../io.js'
import { planContext, withProject, type ProjectEnv } from '../project.js'
import { runPlan } from '../run-plan.js'

export interface RemoveOptions { dir?: string; json?: boolean; global?: boolean; dryRun?: boolean; force?: boolean; yes?: boolean; followOutsideLinks?: boolean }

export async function runRemove(names: string[], opts: RemoveOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  if (names.length === 0) throw new UsageError('Name the skills to remove, e.g. dbskills remove dsql.')
  return withProject({ ...env, dir: opts.dir, global: opts.global, dryRun: opts.dryRun }, 'remove', async (project) => {
  const installed = Object.keys(project.record.skills)
  const missing = names.filter((n) => !installed.includes(n))
  // The interrupted run just finished was this same remove: what it removed is done, not an error.
  if (missing.length && project.resumed === 'remove' && missing.length === names.length) {
    if (io.json) emitJson(io, { command: 'remove', base: project.base, skills: names, noop: true, ops: [], conflicts: [], warnings: project.notes })
    else io.out(`${project.notes.join('\n')}\nNothing else to do: ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not installed any more.`)
    return 0
  }
  if (missing.length)
    throw new UserError(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed by dbskills in ${project.base}${opts.global ? ' (global)' : ''}.`, {
      hint: installed.length ? `Installed: ${installed.join(', ')}.` : 'Nothing is installed here (see dbskills list).',
    })
  const plan = await planRemove(planContext(project, !!opts.force, !!opts.followOutsideLinks), names)
  plan.warnings.unshift(...project.notes)
  const from = `${names.join(', ')} from ${project.base}`
  return runPlan({ plan, io, platform: project.ctx.platform, dryRun: opts.dryRun, env: project.ctx.env, doing: `Removing ${from}`, wouldDo: `Would remove ${from}` })
  })
}
