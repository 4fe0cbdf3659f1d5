import { findAgent, type Agent } from '../agents/registry.js'
import { UsageError } from '../core/errors.js'
import { serverForSkill, type McpServerKey } from '../mcp/catalog.js'
import { CLIENTS, clientById, type McpClientSpec } from '../mcp/clients.js'
import { parseMcpOptions, type McpOptions, type RawMcpOptions } from '../mcp/options.js'
import type { LayerSettings, SkillRecord } from '../install/record.js'
import type { SkillRequest } from '../install/plan.js'
import { findPlaceholders } from '../steering/placeholder.js'
import { displayPath } from '../core/paths.js'
import type { Plan } from '../install/types.js'
import { splitList } from './options.js'
import { steeringTargets } from '../steering/targets.js'

/** The `add` flags that configure MCP servers and feed steering facts (camelCase, as commander gives them). */
export const MCP_FLAG_KEYS = [
  'runtime', 'auth', 'profile', 'region', 'clusterEndpoint', 'databaseUser', 'clusterArn', 'dbEndpoint',
  'database', 'connectionMethod', 'dbType', 'port', 'allowWrites', 'sandbox',
] as const satisfies readonly (keyof RawMcpOptions)[]

export function pickMcpFlags(opts: object): RawMcpOptions {
  const raw: Record<string, unknown> = {}
  for (const k of MCP_FLAG_KEYS) if ((opts as Record<string, unknown>)[k] !== undefined) raw[k] = (opts as Record<string, unknown>)[k]
  return raw as RawMcpOptions
}

export function parseClients(values: string[] | undefined): McpClientSpec[] | undefined {
  const ids = splitList(values)
  if (ids.length === 0) return undefined
  // An agent id stands for its client (copilot -> vscode), so --mcp-client takes either.
  const resolved = ids.map((id) => clientById(id) ?? (findAgent(id) ? clientById(findAgent(id)!.mcpClient) : undefined))
  const unknown = ids.filter((_, i) => !resolved[i])
  if (unknown.length) throw new UsageError(`Unknown MCP client ${unknown.map((u) => `"${u}"`).join(', ')}.`, { hint: `Valid clients: ${CLIENTS.map((c) => c.id).join(', ')}.` })
  return [...new Map(resolved.map((c) => [c!.id, c!])).values()]
}

export interface LayerChoice {
  steering: boolean
  /** undefined: the chosen agents' clients. */
  clients?: McpClientSpec[]
  mcp: boolean
  raw: RawMcpOptions
}

/**
 * The steering/MCP part of a skill request: earlier settings (from the record) merged with this run's flags,
 * validated as a whole so every bad value is reported at once.
 */
export function layerRequests(skills: readonly string[], agents: readonly Agent[], choice: LayerChoice, prevOf: (skill: string) => SkillRecord | undefined, platform: NodeJS.Platform): Map<string, NonNullable<SkillRequest['layers']>> {
  const servers = skills.map((s) => serverForSkill(s)?.key).filter((k): k is McpServerKey => !!k)
  // Validate this run's flags against the servers being configured: a flag no server takes is an error.
  parseMcpOptions(choice.raw, { platform, servers })
  const out = new Map<string, NonNullable<SkillRequest['layers']>>()
  for (const skill of skills) {
    const prev = prevOf(skill)?.layers
    const allAgents = [...new Map([...(prevOf(skill)?.agents ?? []).map((id) => findAgent(id)).filter((a): a is Agent => !!a), ...agents].map((a) => [a.id, a])).values()]
    const merged = { ...(prev?.options ?? {}), ...choice.raw } as RawMcpOptions
    const server = serverForSkill(skill)
    const options: McpOptions = parseMcpOptions(merged, { platform })
    const wanted = !choice.mcp || !server ? [] : (choice.clients ?? agents.map((a) => clientById(a.mcpClient)!))
    const clientIds = [...new Set([...(prev?.mcpClients ?? []), ...wanted.map((c) => c.id)])].sort()
    const settings: LayerSettings = { steering: choice.steering || (prev?.steering ?? false), mcpClients: clientIds, options: merged as LayerSettings['options'] }
    out.set(skill, {
      agents: choice.steering ? allAgents : [],
      steering: choice.steering,
      clients: wanted,
      options,
      settings,
    })
  }
  return out
}

/** update: the layers exactly as recorded. */
export function recordedLayers(rec: SkillRecord, platform: NodeJS.Platform): SkillRequest['layers'] {
  if (!rec.layers) return undefined
  return {
    agents: rec.agents.map((id) => findAgent(id)).filter((a): a is Agent => !!a),
    steering: rec.layers.steering,
    clients: rec.layers.mcpClients.map((id) => clientById(id)).filter((c): c is McpClientSpec => !!c),
    options: parseMcpOptions(rec.layers.options as RawMcpOptions, { platform }),
    settings: rec.layers,
  }
}

/**
 * What the user still has to do after an install: how to trust or approve the project in each agent (exactly, with
 * the project path), the approval notes of MCP clients no agent covers, and unfilled placeholders.
 */
export function nextSteps(plan: Plan, agents: readonly Agent[] = []): string[] {
  const steps: string[] = []
  const changed = plan.ops.filter((o) => o.kind === 'write' && o.action !== 'unchanged')
  const clients = new Set<string>()
  if (changed.length) for (const a of agents) if (a.trust) { steps.push(a.trust.replaceAll('{dir}', plan.base)); clients.add(a.mcpClient) }
  for (const d of steeringTargets(agents).duplicates) {
    steps.push(`${findAgent(d.agent)?.displayName ?? d.agent} loads ${d.paths.join(' and ')} together, so it reads the dbskills steering once from each; nothing dbskills can write avoids that for this set of agents.`)
  }
  for (const op of changed) {
    if (op.role !== 'mcp') continue
    const rel = displayPath(plan.base, op.path)
    const client = CLIENTS.find((c) => c.projectPath === rel)
    if (client && !clients.has(client.id)) { clients.add(client.id); steps.push(...client.notes.map((n) => `${client.displayName}: ${n}`)) }
  }
  const holes = new Map<string, string[]>()
  for (const op of plan.ops) {
    if (op.kind !== 'write' || op.role !== 'steering') continue
    const found = findPlaceholders(String(op.content))
    if (found.length) holes.set(displayPath(plan.base, op.path), found)
  }
  const all = [...new Set([...holes.values()].flat())]
  if (all.length) steps.push(`Fill in ${all.join(', ')} in ${[...holes.keys()].join(', ')}, or re-run add with the matching flags (e.g. --cluster-endpoint, --region); dbskills doctor lists what is still open.`)
  return steps
}

