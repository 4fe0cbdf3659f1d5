import { relative, resolve } from 'node:path'
import { UserError } from '../../core/errors.js'
import { findSkillDirs, validateSkillDir } from '../../knowledge/validate.js'
import { emitJson, type IO } from '../io.js'

export interface ValidateOptions { json?: boolean; dir?: string }

/** Check skill folders against the Agent Skills spec, our versioning rule, links and symlinks. */
export async function runValidate(dirArg: string | undefined, opts: ValidateOptions, io: IO, cwd = process.cwd()): Promise<number> {
  const root = resolve(cwd, dirArg ?? opts.dir ?? '.')
  const dirs = await findSkillDirs(root)
  if (dirs.length === 0) throw new UserError(`No SKILL.md found in ${root} or its immediate subfolders.`, { hint: 'Point validate at a skill folder (the one holding SKILL.md) or at a folder of skills.' })
  const results = await Promise.all(dirs.map(async (dir) => ({ dir, issues: await validateSkillDir(dir) })))
  const count = results.reduce((n, r) => n + r.issues.length, 0)
  const show = (p: string) => relative(cwd, p) || '.'
  if (io.json) {
    emitJson(io, { ok: count === 0, skills: results.map((r) => ({ dir: show(r.dir), issues: r.issues.map((i) => ({ ...i, file: show(i.file) })) })) })
  } else {
    const lines: string[] = []
    for (const r of results) {
      if (r.issues.length === 0) lines.push(`✓ ${show(r.dir)}`)
      for (const i of r.issues) lines.push(`${show(i.file)}:${i.line}: ${i.message} [${i.rule}]`)
    }
    lines.push(count ? `${count} problem(s) in ${results.filter((r) => r.issues.length).length} of ${results.length} skill(s).` : `${results.length} skill(s) valid.`)
    io.out(lines.join('\n'))
  }
  return count ? 1 : 0
}
