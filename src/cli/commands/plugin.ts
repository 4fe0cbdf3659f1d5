import { readdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createContext } from '../../core/context.js'
import { UsageError, UserError } from '../../core/errors.js'
import type { SkillName } from '../../mcp/catalog.js'
import { buildTree, PLUGIN_SKILLS, writeTree } from '../../plugins/bundle.js'
import { CHANNEL_IDS, channelById, type ChannelId } from '../../plugins/channels.js'
import { emitJson, say, type IO } from '../io.js'

export interface PluginOptions { out?: string; skill?: string[]; force?: boolean; dryRun?: boolean; json?: boolean }

/** `dbskills plugin <channel> --out <dir>`: export one channel's plugins (or `all`) for a self-hosted marketplace. */
export async function runPlugin(name: string, opts: PluginOptions, io: IO, env: { cwd?: string; packageRoot?: string } = {}): Promise<number> {
  const ids = name === 'all' ? [...CHANNEL_IDS] : [name]
  const unknown = ids.filter((id) => !channelById(id))
  if (unknown.length) throw new UsageError(`Unknown channel "${name}".`, { hint: `Channels: ${CHANNEL_IDS.join(', ')}, or all.` })
  const skills = (opts.skill ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)
  const badSkill = skills.filter((s) => !(PLUGIN_SKILLS as readonly string[]).includes(s))
  if (badSkill.length) throw new UsageError(`Unknown skill ${badSkill.map((s) => `"${s}"`).join(', ')}.`, { hint: `Skills: ${PLUGIN_SKILLS.join(', ')}.` })
  if (!opts.out && !opts.dryRun) throw new UsageError('Say where to write the bundle with --out <dir> (or preview with --dry-run).')

  const ctx = createContext({ ...(env.cwd ? { cwd: env.cwd } : {}), ...(env.packageRoot ? { packageRoot: env.packageRoot } : {}) })
  const out = opts.out ? resolve(ctx.cwd, opts.out) : undefined
  if (out && !opts.dryRun && !opts.force) {
    const existing = await readdir(out).catch(() => [] as string[])
    if (existing.length) throw new UserError(`${out} is not empty.`, { hint: 'Choose an empty folder, or re-run with --force to write into it (files of the same name are replaced).' })
  }
  const tree = buildTree(ctx.packageRoot, ids as ChannelId[], skills.length ? (skills as SkillName[]) : PLUGIN_SKILLS)
  if (out && !opts.dryRun) await writeTree(tree, out)

  const files = [...tree.keys()]
  const channels = ids.map((id) => channelById(id)!)
  if (io.json) emitJson(io, { out: out ?? null, dryRun: !!opts.dryRun, channels: channels.map((c) => ({ id: c.id, install: c.install, limits: c.limits })), files })
  else {
    say(io, `${opts.dryRun || !out ? 'Would write' : 'Wrote'} ${files.length} files for ${channels.map((c) => c.displayName).join(', ')}${out ? ` to ${out}` : ''}:`)
    say(io, files.map((f) => `  ${f}`).join('\n'))
    for (const c of channels) say(io, `${c.displayName}: ${c.install}\n  cannot carry: ${c.limits}`)
  }
  return 0
}
