/**
 * `dbskills doctor --clients`: ask each client CLI found on PATH what it sees in this project (read-only commands,
 * never a model session, each with a timeout) and report per skill, steering file and MCP server: seen, not seen, or
 * seen with a problem, with the client's own words.
 */
import { execFile } from 'node:child_process'
import { findAgent } from '../agents/registry.js'
import type { InstallRecord } from '../install/record.js'
import { CLIENT_PROBES, type ClientProbe, type Layer, type Sighting } from './client-probes.js'
import { onPath, type DoctorEnv } from './checks.js'

export interface ClientItem {
  layer: Layer
  name: string
  status: 'seen' | 'not seen' | 'problem' | 'not checked'
  /** The client's own line, or why nothing could be asked. */
  detail: string
  fix?: string
}

export interface ClientReport {
  client: string
  bin: string
  version?: string
  items: ClientItem[]
}

/** Runs a command; resolves with what it printed (stdout then stderr) and whether it finished in time. */
export type CommandRunner = (bin: string, args: string[], opts: { cwd: string; env: DoctorEnv['env']; timeoutMs: number }) => Promise<{ output: string; timedOut: boolean }>

export const runCommand: CommandRunner = (bin, args, opts) => new Promise((resolve) => {
  execFile(bin, args, { cwd: opts.cwd, env: { ...opts.env, NO_COLOR: '1', CI: '1' } as NodeJS.ProcessEnv, timeout: opts.timeoutMs, maxBuffer: 32 * 1024 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
    resolve({ output: `${stdout}${stderr}`, timedOut: !!(err && (err as { killed?: boolean }).killed) })
  })
})

/** What the record says this client should see, per layer. */
export function expected(record: InstallRecord, probe: ClientProbe): Record<Layer, string[]> {
  const skills = Object.entries(record.skills).filter(([, r]) => r.agents.includes(probe.agent)).map(([name]) => name)
  const all = Object.values(record.skills)
  const steering = [...new Set(all.flatMap((r) => r.steering.filter((s) => s.kind === 'block' && probe.steering.includes(s.path)).map((s) => s.path)))]
  const mcp = [...new Set(all.flatMap((r) => r.mcp.filter((m) => probe.mcpClients.includes(m.client)).map((m) => m.key)))]
  return { skill: skills.sort(), steering: steering.sort(), mcp: mcp.sort() }
}

/** Compares what a client reported with what it should see. Pure. */
export function compare(probe: ClientProbe, want: Record<Layer, string[]>, seen: Partial<Record<Layer, Sighting[] | { error: string }>>, base: string): ClientItem[] {
  const items: ClientItem[] = []
  const trust = findAgent(probe.agent)?.trust?.replaceAll('{dir}', base)
  for (const layer of ['skill', 'steering', 'mcp'] as const) {
    const answer = seen[layer]
    for (const name of want[layer]) {
      if (answer === undefined) { items.push({ layer, name, status: 'not checked', detail: probe.unchecked[layer] ?? `${probe.displayName} was not asked` }); continue }
      if ('error' in answer) { items.push({ layer, name, status: 'not checked', detail: answer.error }); continue }
      const hits = answer.filter((s) => s.name === name)
      const hit = hits[0]
      if (!hit) items.push({ layer, name, status: 'not seen', detail: `${probe.displayName} does not list it`, ...(trust ? { fix: trust } : {}) })
      else if (!hit.ok) items.push({ layer, name, status: 'problem', detail: hit.line, ...(trust ? { fix: trust } : {}) })
      else if (hits.length > 1 && layer !== 'steering') items.push({ layer, name, status: 'problem', detail: `listed ${hits.length} times: ${hit.line}` })
      else items.push({ layer, name, status: 'seen', detail: hit.line })
    }
  }
  return items
}

export async function probeClients(record: InstallRecord, d: DoctorEnv, run: CommandRunner = runCommand, timeoutMs = 30_000): Promise<ClientReport[]> {
  const reports: ClientReport[] = []
  for (const probe of CLIENT_PROBES) {
    const want = expected(record, probe)
    if (want.skill.length + want.steering.length + want.mcp.length === 0) continue
    if (!(await onPath(probe.bin, d.env, d.platform))) continue
    const opts = { cwd: d.base, env: d.env, timeoutMs }
    const version = (await run(probe.bin, ['--version'], opts)).output.trim().split('\n')[0]
    const outputs = new Map<string, Promise<{ output: string; timedOut: boolean }>>()
    const seen: Partial<Record<Layer, Sighting[] | { error: string }>> = {}
    for (const p of probe.probes) {
      const key = p.args.join(' ')
      if (!outputs.has(key)) outputs.set(key, run(probe.bin, p.args, opts))
      const r = await outputs.get(key)!
      seen[p.layer] = r.timedOut ? { error: `\`${probe.bin} ${key}\` did not answer within ${timeoutMs / 1000} s` } : p.parse(r.output)
    }
    reports.push({ client: probe.displayName, bin: probe.bin, ...(version ? { version } : {}), items: compare(probe, want, seen, d.base) })
  }
  return reports
}
