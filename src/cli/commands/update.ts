import { UserError } from '../../core/errors.js'
import { planInstall } from '../../install/plan.js'
import { readSkillSource } from '../../install/source.js'
import { emitJson, type IO } from '../io.js'
import { recordedLayers } from '../layers.js'
import { catalog, planContext, withProject, type ProjectEnv } from '../project.js'
import { runPlan } from '../run-plan.js'

export interface UpdateOptions { dir?: string; json?: boolean; global?: boolean; dryRun?: boolean; force?: boolean; yes?: boolean; followOutsideLinks?: boolean }

/** Bring installed skills to the packaged version at every location they were installed (Kiro copies too). */
export async function runUpdate(names: string[], opts: UpdateOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  return withProject({ ...env, dir: opts.dir, global: opts.global, dryRun: opts.dryRun }, 'update', async (project) => {
  const installed = Object.keys(project.record.skills)
  const targets = names.length ? names : installed
  const missing = targets.filter((n) => !installed.includes(n))
  if (missing.length) throw new UserError(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed by dbskills in ${project.base}.`, { hint: `Install with dbskills add ${missing.join(' ')}.` })
  if (targets.length === 0) {
    if (io.json) emitJson(io, { command: 'update', base: project.base, skills: [], noop: true, ops: [], conflicts: [], warnings: [] })
    else io.out(`Nothing to update: no skills installed by dbskills in ${project.base}.`)
    return 0
  }
  const all = (await catalog(project)).skills
  const warnings: string[] = []
  const requests = []
  for (const name of targets) {
    const skill = all.find((s) => s.name === name)
    const rec = project.record.skills[name]!
    if (!skill) { warnings.push(`${name} is no longer shipped by this dbskills version; left as it is.`); continue }
    requests.push({ source: await readSkillSource(skill, project.ctx.packageRoot), locations: rec.locations.map(({ path, type }) => ({ path, type })), agents: rec.agents, link: rec.link, layers: recordedLayers(rec, project.ctx.platform) })
  }
  const plan = await planInstall(planContext(project, !!opts.force, !!opts.followOutsideLinks), 'update', requests)
  plan.warnings.unshift(...project.notes, ...warnings)
  const versions = requests.map((r) => `${r.source.skill.name} ${project.record.skills[r.source.skill.name]!.version} → ${r.source.skill.version}`).join(', ')
  return runPlan({
    plan, io, platform: project.ctx.platform, dryRun: opts.dryRun, env: project.ctx.env,
    doing: `Updating ${versions}`, wouldDo: `Would update ${versions}`,
    nothingToDo: `Up to date: ${requests.map((r) => `${r.source.skill.name} ${r.source.skill.version}`).join(', ')}.`,
  })
  })
}
