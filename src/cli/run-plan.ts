import { applyPlan, refuseConflicts, type Fault } from '../install/apply.js'
import { isNoop, type Plan } from '../install/types.js'
import { emitJson, say, type IO } from './io.js'
import { planJson, renderPlan, summarize } from './render.js'

export interface PlanRun {
  plan: Plan
  io: IO
  platform: NodeJS.Platform
  dryRun?: boolean
  /** "Adding dsql 1.0.0 for …" and its dry-run form "Would add …". */
  doing: string
  wouldDo: string
  /** What to say when the plan changes nothing; omitted: apply it anyway. */
  nothingToDo?: string
  /** Extra fields for every --json document. */
  json?: Record<string, unknown>
  /** What the user still has to do once the plan is applied (printed, and `nextSteps` in --json). */
  nextSteps?: (plan: Plan) => string[]
  /** Lines printed after the summary. */
  footer?: string[]
  /** Test hook: stop apply at an op (DBSKILLS_FAULT). */
  env?: Readonly<Record<string, string | undefined>>
}

/** DBSKILLS_FAULT=kill:N or error:N: the fault-injection tests stop apply before its Nth changing op. */
function faultFrom(env: PlanRun['env']): Fault | undefined {
  const m = /^(kill|error):(\d+)$/.exec(env?.DBSKILLS_FAULT ?? '')
  return m ? { how: m[1] as Fault['how'], at: Number(m[2]) } : undefined
}

/** The tail every writing command shares: dry run, nothing to do, refuse conflicts, apply, report. */
export async function runPlan(r: PlanRun): Promise<number> {
  const { plan, io } = r
  if (r.dryRun) {
    if (io.json) emitJson(io, planJson(plan, { dryRun: true, ...r.json }))
    else io.out(`${r.wouldDo}\n${renderPlan(plan)}\n(dry run: nothing was written)`)
    return plan.conflicts.length ? 1 : 0
  }
  if (r.nothingToDo !== undefined && isNoop(plan) && !plan.conflicts.length) {
    if (io.json) emitJson(io, planJson(plan, { dryRun: false, ...r.json, changed: false }))
    else io.out(`${r.nothingToDo}${plan.ops.some((o) => o.kind === 'keep') || plan.warnings.length ? `\n${renderPlan(plan)}` : ''}`)
    return 0
  }
  refuseConflicts(plan)
  say(io, `${r.doing}\n${renderPlan(plan)}`)
  const fault = faultFrom(r.env)
  const result = applyPlan(plan, { platform: r.platform, ...(fault ? { fault } : {}) })
  const steps = r.nextSteps?.(plan) ?? []
  if (io.json) emitJson(io, planJson(plan, { dryRun: false, ...r.json, changed: result.done.length > 0, fallbacks: result.fallbacks, ...(r.nextSteps ? { nextSteps: steps } : {}) }))
  else io.out([summarize(plan, result), ...(steps.length ? ['', 'Still to do:', ...steps.map((s) => `  • ${s}`)] : []), ...(r.footer ?? [])].join('\n'))
  return 0
}
