import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { UserError, UsageError } from '../../core/errors.js'
import { writeFileAtomic } from '../../core/fs/atomic.js'
import { serverForSkill } from '../../mcp/catalog.js'
import { clientById } from '../../mcp/clients.js'
import { parseMcpOptions } from '../../mcp/options.js'
import { buildPower } from '../../power/export.js'
import { skillSteering } from '../../steering/skills.js'
import { emitJson, say, type IO } from '../io.js'
import { pickMcpFlags } from '../layers.js'
import { catalog, openProject, pickSkills, type ProjectEnv } from '../project.js'

export interface PowerOptions { out?: string; force?: boolean; dryRun?: boolean; json?: boolean; [flag: string]: unknown }

/** `dbskills power <skill> --out <dir>`: export a Kiro power. */
export async function runPower(name: string, opts: PowerOptions, io: IO, env: ProjectEnv = {}): Promise<number> {
  if (!opts.out) throw new UsageError('Say where to write the power with --out <dir>.')
  const project = await openProject({ ...env })
  const [skill] = pickSkills(await catalog(project, [name]), [name])
  const out = resolve(project.ctx.cwd, opts.out)
  const existing = await readdir(out).catch(() => [] as string[])
  if (existing.length && !opts.force) throw new UserError(`${out} is not empty.`, { hint: 'Choose an empty folder, or re-run with --force to write into it.' })
  const refsDir = join(skill!.dir, 'references')
  const references = new Map<string, string>()
  for (const f of (await readdir(refsDir).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort()) references.set(f, await readFile(join(refsDir, f), 'utf8'))
  const meta = skillSteering(skill!)
  const server = serverForSkill(skill!.name)
  const options = parseMcpOptions(pickMcpFlags(opts), { platform: project.ctx.platform, ...(server ? { servers: [server.key] } : {}) })
  const files = buildPower({
    name: skill!.name, title: meta?.title ?? skill!.name, description: firstSentence(skill!.description),
    keywords: skill!.keywords, skillMd: await readFile(join(skill!.dir, 'SKILL.md'), 'utf8'), references,
  }, server, options, clientById('kiro')!, { platform: project.ctx.platform, home: project.ctx.home })
  if (!opts.dryRun) for (const [rel, text] of files) writeFileAtomic(join(out, rel), text, { runId: `power-${process.pid}` })
  if (io.json) emitJson(io, { out, dryRun: !!opts.dryRun, files: [...files.keys()].sort() })
  else {
    say(io, `${opts.dryRun ? 'Would write' : 'Wrote'} a Kiro power for ${skill!.name} to ${out}:`)
    io.out([...files.keys()].sort().map((f) => `  ${f}`).join('\n'))
    if (!opts.dryRun) io.out('Add it in Kiro: Powers panel > Add power > Local path.')
  }
  return 0
}

function firstSentence(text: string): string {
  const end = text.search(/\.\s/)
  return end > 0 ? text.slice(0, end + 1) : text
}
