import { agentById, AGENTS, type Agent } from '../../agents/registry.js'
import { UsageError } from '../../core/errors.js'
import type { RawMcpOptions } from '../../mcp/options.js'
import { applyPlan, refuseConflicts } from '../../install/apply.js'
import { planInstall, skillLocations } from '../../install/plan.js'
import { readSkillSource } from '../../install/source.js'
import { isNoop } from '../../install/types.js'
import { emitJson, say, type IO } from '../io.js'
import { parseAgents, parseLink } from '../options.js'
import { layerRequests, nextSteps, parseClients, pickMcpFlags } from '../layers.js'
import { catalog, detectAgents, openProject, pickSkills, planContext, type ProjectEnv } from '../project.js'
import { planJson, renderPlan, summarize } from '../render.js'
import { byCodePoint } from '../../core/paths.js'

/** add's flags: the skill-layer ones here, the MCP/steering fact flags from RawMcpOptions. */
export interface AddOptions extends RawMcpOptions {
  /** false with --no-steering */
  steering?: boolean
  /** false with --no-mcp */
  mcp?: boolean
  mcpClient?: string[]
  dir?: string
  json?: boolean
  all?: boolean
  agent?: string[]
  global?: boolean
  link?: string
  dryRun?: boolean
  yes?: boolean
  force?: boolean
}

export async function runAdd(names: string[], opts: AddOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  const link = parseLink(opts.link)
  const explicitAgents = parseAgents(opts.agent)
  const explicitClients = parseClients(opts.mcpClient)
  const raw = pickMcpFlags(opts)
  const project = await openProject({ ...env, dir: opts.dir, global: opts.global })
  const interactive = project.ctx.isTTY && !opts.yes && !opts.json
  // Parse only the named skills' front matter; --all and the prompt need every one.
  const cat = await catalog(project, opts.all || names.length === 0 ? undefined : names)
  let skills = opts.all ? cat.skills : pickSkills(cat, names)
  if (skills.length === 0) {
    if (!interactive) throw new UsageError('Name the skills to add, or use --all.', { hint: `Available skills: ${cat.names.join(', ')}. Example: dbskills add dsql` })
    const { askSkills } = await import('../prompts.js')
    skills = pickSkills(cat, await askSkills(cat.skills))
  }

  let agents: Agent[]
  if (explicitAgents) agents = explicitAgents
  else {
    const { agents: found, detected } = await detectAgents(project.base)
    agents = found
    if (interactive) {
      const { askAgents } = await import('../prompts.js')
      agents = (await askAgents(AGENTS, found)).map(agentById)
    } else if (!detected) say(io, `No agent folders found in ${project.base}; installing for ${found.map((a) => a.displayName).join(', ')} (choose with --agent).`)
  }

  const pctx = planContext(project, !!opts.force)
  // Steering and MCP config are per project; a --global install is the skills layer only.
  if (opts.global && (Object.keys(raw).length || explicitClients)) throw new UsageError('MCP and steering flags do not apply to --global installs; run add inside the project for those.')
  const layers = opts.global ? undefined : layerRequests(skills.map((s) => s.name), agents, { steering: opts.steering !== false, mcp: opts.mcp !== false, clients: explicitClients, raw }, (n) => project.record.skills[n], project.ctx.platform)
  const requests = await Promise.all(skills.map(async (skill) => {
    const prev = project.record.skills[skill.name]
    const wanted = skillLocations(skill.name, agents, link, pctx)
    // add is additive: locations installed earlier for other agents stay, with their own link type.
    const [canonical, ...rest] = [...wanted, ...(prev?.locations ?? []).filter((l) => !wanted.some((w) => w.path === l.path))]
    // Canonical first, the rest in a stable order: a rerun with the agents listed differently changes nothing.
    const locations = [canonical!, ...rest.sort((a, b) => byCodePoint(a.path, b.path))]
    return { source: await readSkillSource(skill, project.ctx.packageRoot), locations, agents: [...(prev?.agents ?? []), ...agents.map((a) => a.id)], link, layers: layers?.get(skill.name) }
  }))
  const plan = await planInstall(pctx, 'add', requests)
  const header = `${opts.dryRun ? 'Would add' : 'Adding'} ${skills.map((s) => `${s.name} ${s.version}`).join(', ')} for ${agents.map((a) => a.displayName).join(', ')} in ${project.base}${opts.global ? ' (global)' : ''}`

  if (opts.dryRun) {
    if (io.json) emitJson(io, planJson(plan, { dryRun: true, agents: agents.map((a) => a.id) }))
    else io.out(`${header}\n${renderPlan(plan)}\n(dry run: nothing was written)`)
    return plan.conflicts.length ? 1 : 0
  }
  if (isNoop(plan) && !plan.conflicts.length) {
    if (io.json) emitJson(io, planJson(plan, { dryRun: false, agents: agents.map((a) => a.id), changed: false }))
    else io.out(`Nothing to do: ${skills.map((s) => `${s.name} ${s.version}`).join(', ')} already installed for ${agents.map((a) => a.displayName).join(', ')}.${plan.ops.some((o) => o.kind === 'keep') ? `\n${renderPlan(plan)}` : ''}`)
    return 0
  }
  refuseConflicts(plan)
  say(io, `${header}\n${renderPlan(plan)}`)
  const result = await applyPlan(plan, { platform: project.ctx.platform })
  const steps = nextSteps(plan)
  if (io.json) emitJson(io, planJson(plan, { dryRun: false, agents: agents.map((a) => a.id), changed: true, fallbacks: result.fallbacks, nextSteps: steps }))
  else io.out([summarize(plan, result), ...(steps.length ? ['', 'Still to do:', ...steps.map((s) => `  • ${s}`)] : []), ...(opts.global ? ['', 'Steering and MCP config are per project: run dbskills add inside a project for those.'] : [])].join('\n'))
  return 0
}
