import { color } from '../color.js'
import { installStatus } from '../../install/status.js'
import { readJournal } from '../../install/apply.js'
import { emitJson, type IO } from '../io.js'
import { catalog, openProject, type ProjectEnv } from '../project.js'

export interface ListOptions { dir?: string; json?: boolean; global?: boolean }

const COLOR = { ok: color.green, modified: color.magenta, missing: color.red, outdated: color.yellow } as const

export async function runList(opts: ListOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  const project = await openProject({ ...env, dir: opts.dir, global: opts.global })
  const skills = (await catalog(project)).skills
  const installed = await installStatus(project.base, project.record, skills, project.scope)
  if (io.json) {
    emitJson(io, {
      available: skills.map((s) => ({ name: s.name, version: s.version, updated: s.updated, description: s.description })),
      base: project.base,
      scope: project.scope,
      installed,
      interrupted: readJournal(project.base)?.command ?? null,
    })
    return 0
  }
  const lines = ['Available skills:']
  const w = Math.max(...skills.map((s) => s.name.length))
  for (const s of skills) lines.push(`  ${s.name.padEnd(w)}  ${s.version.padEnd(7)} ${color.dim(s.description.length > 90 ? `${s.description.slice(0, 89)}…` : s.description)}`)
  lines.push('', `Installed in ${project.base}${opts.global ? ' (global)' : ''}:`)
  if (installed.length === 0) lines.push(color.dim('  nothing yet (dbskills add <skill>)'))
  const journal = readJournal(project.base)
  if (journal) lines.push(color.yellow(`  ⚠ a "dbskills ${journal.command}" run was interrupted here; run any dbskills add, update or remove to finish it`))
  for (const i of installed) lines.push(`  ${i.skill.padEnd(w)}  ${i.agent.padEnd(12)} ${COLOR[i.status](i.status.padEnd(9))} ${color.dim(i.detail ?? i.path)}`)
  io.out(lines.join('\n'))
  return 0
}
