import { color } from '../color.js'
import { runChecks } from '../../doctor/checks.js'
import { JOURNAL_PATH, readJournal } from '../../install/apply.js'
import { emitJson, type IO } from '../io.js'
import { openProject, type ProjectEnv } from '../project.js'

export interface DoctorOptions { dir?: string; json?: boolean; global?: boolean; live?: boolean; timeout?: string; clients?: boolean }

/** Check the install; exit 1 when anything is wrong (warnings alone exit 0). */
export async function runDoctor(opts: DoctorOptions, io: IO, env: ProjectEnv & { pathEnv?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<number> {
  // --live starts the configured MCP servers: its own module, loaded only when asked for.
  if (opts.live) return (await import('./doctor-live.js')).runDoctorLive(opts, io, env)
  const project = await openProject({ ...env, dir: opts.dir, global: opts.global })
  const findings = await runChecks(project.record, { base: project.base, env: env.pathEnv ?? project.ctx.env, platform: project.ctx.platform })
  const journal = readJournal(project.base)
  if (journal) findings.unshift({ level: 'error', skill: '*', path: JOURNAL_PATH, message: `a "dbskills ${journal.command}" run was interrupted here and is not finished`, fix: 'run any dbskills add, update or remove in this project: it finishes the interrupted run first' })
  const skills = Object.keys(project.record.skills)
  // --clients: what each client CLI on PATH says it sees (src/doctor/clients.ts); loaded only when asked.
  const clients = opts.clients
    ? await (await import('../../doctor/clients.js')).probeClients(project.record, { base: project.base, env: env.pathEnv ?? project.ctx.env, platform: project.ctx.platform })
    : undefined
  const unseen = (clients ?? []).flatMap((c) => c.items).filter((i) => i.status === 'not seen' || i.status === 'problem').length
  const errors = findings.filter((f) => f.level === 'error').length + unseen
  if (io.json) emitJson(io, { base: project.base, ok: errors === 0, skills, findings, ...(clients ? { clients } : {}) })
  else {
    const lines = skills.length || journal ? [] : [`Nothing installed by dbskills in ${project.base}.`]
    for (const f of findings) lines.push(`${f.level === 'error' ? color.red('✖') : color.yellow('⚠')} ${f.path}: ${f.message}${f.fix ? color.dim(` (fix: ${f.fix})`) : ''}`)
    if (clients) {
      if (clients.length === 0) lines.push('No client CLI (claude, codex, gemini, copilot, qwen) on PATH has anything of this install to show.')
      const mark = { seen: color.green('✔'), 'not seen': color.red('✖'), problem: color.red('✖'), 'not checked': color.dim('·') }
      for (const c of clients) {
        lines.push(`${c.client}${c.version ? ` (${c.version})` : ''}:`)
        for (const i of c.items) lines.push(`  ${mark[i.status]} ${i.layer} ${i.name}: ${i.status} — ${i.detail}${i.fix ? color.dim(` (fix: ${i.fix})`) : ''}`)
      }
    }
    if (skills.length) lines.push(errors ? `${errors} problem(s) found.` : `${skills.join(', ')}: healthy${findings.length ? ` (${findings.length} warning(s))` : ''}.`)
    io.out(lines.join('\n'))
  }
  return errors ? 1 : 0
}
