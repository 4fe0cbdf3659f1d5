import { color } from '../color.js'
import { UsageError } from '../../core/errors.js'
import { runLiveChecks, type ServerReport } from '../../doctor/live.js'
import { emitJson, type IO } from '../io.js'
import { openProject, type ProjectEnv } from '../project.js'

export interface DoctorLiveOptions { dir?: string; json?: boolean; global?: boolean; timeout?: string }

/** Seconds → ms; the first uvx run of a server downloads it, hence the generous default. */
function timeoutMs(raw: string | undefined): number {
  if (raw === undefined) return 60_000
  const s = Number(raw)
  if (!Number.isFinite(s) || s <= 0) throw new UsageError(`--timeout must be a number of seconds above 0, not "${raw}".`)
  return Math.round(s * 1000)
}

function header(r: ServerReport): string {
  const where = r.entries.map((e) => `${e.path} [${e.client}]`).join(', ')
  return `${color.bold(r.key)} (${r.skill} skill; ${where})`
}

function render(r: ServerReport): string[] {
  const doc = r.documented ? `${r.documented.package} ${r.documented.version}` : ''
  const lines: string[] = []
  if (r.status === 'matches') lines.push(`${color.green('✔')} ${header(r)}: matches the skill (${doc}, ${r.toolCount} tools)`)
  else if (r.status === 'differs') {
    lines.push(`${color.red('✖')} ${header(r)}: differs from the skill (${doc}):`)
    for (const d of r.differences) lines.push(`    - ${d.message}`)
  } else if (r.status === 'failed') {
    lines.push(`${color.red('✖')} ${header(r)}: could not list its tools: ${r.failure?.message ?? 'unknown failure'}`)
    if (r.failure?.stderr) lines.push(color.dim(`    last stderr line: ${r.failure.stderr}`))
  } else lines.push(`${color.yellow('⚠')} ${header(r)}: not compared`)
  if (r.unsetVariables.length) lines.push(color.yellow(`    not set in this shell (started with empty values): ${r.unsetVariables.join(', ')}`))
  for (const n of r.notes) lines.push(color.dim(`    note: ${n}`))
  return lines
}

/** `doctor --live`: exit 1 when any configured server differs from its skill or cannot be asked. */
export async function runDoctorLive(opts: DoctorLiveOptions, io: IO, env: ProjectEnv & { pathEnv?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<number> {
  const ms = env.timeoutMs ?? timeoutMs(opts.timeout)
  const project = await openProject({ ...env, dir: opts.dir, global: opts.global })
  const reports = await runLiveChecks(project.record, {
    base: project.base, home: project.ctx.home, env: env.pathEnv ?? project.ctx.env, packageRoot: project.ctx.packageRoot, timeoutMs: ms, clientVersion: project.ctx.version,
  })
  const bad = reports.filter((r) => r.status === 'differs' || r.status === 'failed').length
  if (io.json) emitJson(io, { base: project.base, ok: bad === 0, servers: reports })
  else {
    const lines = reports.length ? reports.flatMap(render) : [`No MCP server configured by dbskills in ${project.base}.`]
    if (reports.length) lines.push(bad ? `${bad} of ${reports.length} server(s) differ from their skill or did not answer.` : `${reports.length} server(s) match their skill.`)
    io.out(lines.join('\n'))
  }
  return bad ? 1 : 0
}
