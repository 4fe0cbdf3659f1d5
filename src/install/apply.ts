import { cp, mkdir, rm, rmdir, symlink, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { UserError } from '../core/errors.js'
import { writeFileAtomic } from '../core/fs/atomic.js'
import { RECORD_PATH, serializeRecord, type InstallRecord } from './record.js'
import type { FileOp, Plan } from './types.js'

export interface ApplyResult {
  /** Ops that changed something, in the order they ran. */
  done: FileOp[]
  /** Links that could not be made and became copies (Windows without junction rights, odd filesystems). */
  fallbacks: string[]
}

/** Make a directory symlink (a junction on Windows); on failure copy the target instead. */
export async function createLink(op: Extract<FileOp, { kind: 'symlink' }>, platform: NodeJS.Platform, link = symlink): Promise<'link' | 'copy'> {
  await mkdir(dirname(op.path), { recursive: true })
  try {
    await link(op.target, op.path, platform === 'win32' ? 'junction' : 'dir')
    return 'link'
  } catch {
    await cp(op.fallbackFrom, op.path, { recursive: true, dereference: true })
    return 'copy'
  }
}

/**
 * The only writer. Refuses a plan with conflicts (unless forced at plan time, which leaves none);
 * runs ops in plan order (deletes, copies, links, lock files, empty-dir cleanup). Each file write is
 * atomic; the set is not, but every op is idempotent, so a re-run completes an interrupted apply.
 */
/** A plan with conflicts is refused whole: nothing is written. */
export function refuseConflicts(plan: Plan): void {
  if (plan.conflicts.length)
    throw new UserError(`Nothing was written: ${plan.conflicts.length} conflict(s).\n${plan.conflicts.map((c) => `  ${c.message} ${c.hint}`).join('\n')}`, { details: plan.conflicts })
}

export async function applyPlan(plan: Plan, opts: { platform: NodeJS.Platform; link?: typeof symlink } ): Promise<ApplyResult> {
  refuseConflicts(plan)
  const done: FileOp[] = []
  const fallbacks: string[] = []
  for (const op of plan.ops) {
    try {
      switch (op.kind) {
        case 'write':
          if (op.action === 'unchanged') continue
          {
            let content = op.content
            if (fallbacks.length && op.path.endsWith(RECORD_PATH)) content = recordWithFallbacks(String(content), fallbacks, plan.base)
            await writeFileAtomic(op.path, content, op.mode)
          }
          break
        case 'symlink':
          if (op.action === 'unchanged') continue
          if ((await createLink(op, opts.platform, opts.link)) === 'copy') fallbacks.push(op.path)
          break
        case 'delete':
          if (op.what === 'tree') await rm(op.path, { recursive: true, force: true, maxRetries: 3 })
          else await unlink(op.path).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err })
          break
        case 'rmdir':
          // Only when empty: a user's own file in there keeps the folder.
          await rmdir(op.path).catch(() => undefined)
          break
        case 'keep':
          continue
      }
      done.push(op)
    } catch (err) {
      throw new UserError(`Stopped at ${op.path}: ${(err as Error).message}`, {
        hint: `${done.length} operation(s) had completed. Fix the cause and re-run the same command: it picks up where this stopped.`,
        cause: err,
      })
    }
  }
  return { done, fallbacks }
}

/** A link that became a copy is recorded as a copy, with the canonical file hashes. */
function recordWithFallbacks(text: string, fallbacks: string[], base: string): string {
  const record = JSON.parse(text) as InstallRecord
  for (const skill of Object.values(record.skills)) {
    const canonical = skill.locations[0]
    for (const loc of skill.locations) {
      if (loc.type === 'copy' || !fallbacks.includes(join(base, loc.path))) continue
      loc.type = 'copy'
      loc.files = { ...(canonical?.files ?? {}) }
      delete loc.target
    }
  }
  return serializeRecord(record)
}
