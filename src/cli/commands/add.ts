import { agentById, AGENTS, type Agent } from '../../agents/registry.js'
import { UsageError } from '../../core/errors.js'
import type { RawMcpOptions } from '../../mcp/options.js'
import { planInstall, skillLocations } from '../../install/plan.js'
import { readSkillSource } from '../../install/source.js'
import { say, type IO } from '../io.js'
import { parseAgents, parseLink } from '../options.js'
import { layerRequests, nextSteps, parseClients, pickMcpFlags } from '../layers.js'
import { catalog, detectAgents, pickSkills, planContext, withProject, type ProjectEnv } from '../project.js'
import { runPlan } from '../run-plan.js'
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
  followOutsideLinks?: boolean
}

export async function runAdd(names: string[], opts: AddOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  const link = parseLink(opts.link)
  const explicitAgents = parseAgents(opts.agent)
  const explicitClients = parseClients(opts.mcpClient)
  const raw = pickMcpFlags(opts)
  return withProject({ ...env, dir: opts.dir, global: opts.global, dryRun: opts.dryRun }, 'add', async (project) => {
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

  const pctx = planContext(project, !!opts.force, !!opts.followOutsideLinks)
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
  plan.warnings.unshift(...project.notes)
  const skillList = skills.map((s) => `${s.name} ${s.version}`).join(', ')
  const agentNames = agents.map((a) => a.displayName).join(', ')
  const where = `in ${project.base}${opts.global ? ' (global)' : ''}`
  return runPlan({
    plan, io, platform: project.ctx.platform, dryRun: opts.dryRun, env: project.ctx.env,
    doing: `Adding ${skillList} for ${agentNames} ${where}`, wouldDo: `Would add ${skillList} for ${agentNames} ${where}`,
    nothingToDo: `Nothing to do: ${skillList} already installed for ${agentNames}.`,
    json: { agents: agents.map((a) => a.id) },
    nextSteps: (p) => nextSteps(p, agents),
    footer: opts.global ? ['', 'Steering and MCP config are per project: run dbskills add inside a project for those.'] : [],
  })
  })
}
