/**
 * The one ownership rule, as a table. Every thing dbskills may touch (a skill file, a link, a steering file, a
 * managed block, an MCP entry, a skills-lock entry) is classified the same way and decided here; the planner never
 * writes its own variant of "ours and unchanged → act; ours but edited → keep unless --force; not ours → conflict".
 */

/** What is there now, compared with what we want and with what we last wrote. */
export type Current =
  /** nothing there */
  | 'absent'
  /** exactly what this run wants */
  | 'wanted'
  /** exactly what the record says we last wrote */
  | 'recorded'
  /** anything else: the user's content, or ours edited */
  | 'other'

export type Action = 'unchanged' | 'write' | 'delete' | 'keep' | 'conflict'

export type Reason =
  | 'create' | 'same' | 'update' | 'restore' | 'take-over' | 'remove' | 'force-remove' | 'gone' | 'not-ours'
  | 'user-deleted' | 'user-changed' | 'user-changed-remove' | 'foreign'

export interface DecisionInput {
  current: Current
  /** Should the thing exist after this command? */
  want: boolean
  /** Does the record say dbskills wrote it? */
  recorded: boolean
  force: boolean
}

export interface Decision { action: Action; reason: Reason }

/**
 * The table. One row per case; `force` only ever turns keep/conflict into the act, never the other way.
 * (Obstacles of the wrong kind — a folder where a file goes, a link leaving the project — are found by the planner
 * before this table and are conflicts whatever the flags.)
 */
export function decide({ current, want, recorded, force }: DecisionInput): Decision {
  if (want) {
    if (current === 'wanted') return { action: 'unchanged', reason: 'same' }
    if (current === 'absent') return !recorded ? { action: 'write', reason: 'create' } : force ? { action: 'write', reason: 'restore' } : { action: 'keep', reason: 'user-deleted' }
    if (current === 'recorded' && recorded) return { action: 'write', reason: 'update' }
    if (recorded) return force ? { action: 'write', reason: 'take-over' } : { action: 'keep', reason: 'user-changed' }
    return force ? { action: 'write', reason: 'take-over' } : { action: 'conflict', reason: 'foreign' }
  }
  if (current === 'absent') return { action: 'unchanged', reason: 'gone' }
  if (!recorded) return { action: 'unchanged', reason: 'not-ours' }
  if (current === 'recorded' || current === 'wanted') return { action: 'delete', reason: 'remove' }
  return force ? { action: 'delete', reason: 'force-remove' } : { action: 'keep', reason: 'user-changed-remove' }
}

/** Classify what is on disk: `now` is the current hash (undefined when absent). */
export function classify(now: string | undefined, wanted: string | undefined, recorded: string | undefined): Current {
  if (now === undefined) return 'absent'
  if (wanted !== undefined && now === wanted) return 'wanted'
  if (recorded !== undefined && now === recorded) return 'recorded'
  return 'other'
}

/** The one message table: what the user reads for each kept item or conflict, by reason. */
export function explain(reason: Reason, what: string): { message: string; hint: string } {
  switch (reason) {
    case 'user-deleted':
      return { message: `${what} was deleted after dbskills wrote it; left deleted.`, hint: 'Re-run with --force to restore it.' }
    case 'user-changed':
      return { message: `${what} was changed after dbskills wrote it; your version is kept.`, hint: 'Re-run with --force to replace it.' }
    case 'user-changed-remove':
      return { message: `${what} was changed after dbskills wrote it; kept, and no longer tracked.`, hint: 'Re-run with --force to delete it too.' }
    case 'foreign':
      return { message: `${what} already exists and was not written by dbskills.`, hint: 'Move it away, or re-run with --force to replace it.' }
    default:
      return { message: `${what}: ${reason}.`, hint: '' }
  }
}
