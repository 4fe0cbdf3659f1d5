import type { Reason } from './decide.js'

/** Who an operation is for: the CLI never reconstructs this from paths or rendered text. */
export interface Owner {
  skill?: string
  layer: OpRole
  agent?: string
  client?: string
}

/** What an existing file keeps when dbskills edits it in place. */
export interface Keep { mode: number; uid: number; gid: number }

/** A planned file operation. Paths are absolute and real (never through a link); renderers show them relative to the base. */
export type FileOp =
  | {
      kind: 'write'
      path: string
      content: string | Buffer
      /** Mode of a new file (0o755 for executable skill scripts). */
      mode?: number
      /** An existing file's mode and owner, kept on the new content. */
      keep?: Keep
      action: 'create' | 'update' | 'unchanged'
      role: OpRole
      owner?: Owner
    }
  /** A whole new skill folder: staged beside its destination, then renamed into place in one step. */
  | { kind: 'tree'; path: string; files: { rel: string; content: Buffer; mode: number; /** contentHash of content */ hash: string }[]; /** The packaged folder the files come from (the journal names it instead of holding the bytes). */ from?: string; role: OpRole; owner?: Owner }
  | { kind: 'symlink'; path: string; target: string; action: 'create' | 'replace' | 'unchanged'; junction: boolean; role: OpRole; /** Copy source when a link cannot be made. */ fallbackFrom: string; owner?: Owner }
  | { kind: 'delete'; path: string; what: 'file' | 'symlink' | 'tree'; role: OpRole; owner?: Owner }
  /** Remove a directory only if it is empty at apply time. */
  | { kind: 'rmdir'; path: string; role: OpRole; owner?: Owner }
  /** Reported, deliberately not touched (a user edit or deletion we keep). */
  | { kind: 'keep'; path: string; reason: string; why?: Reason; role: OpRole; owner?: Owner }

export type OpRole = 'skill' | 'link' | 'lock' | 'steering' | 'mcp'

export interface Conflict {
  path: string
  message: string
  hint: string
}

export interface Plan {
  version: 1
  command: 'add' | 'remove' | 'update'
  /** Base dir the paths live under: the project, or the home dir for --global. */
  base: string
  ops: FileOp[]
  conflicts: Conflict[]
  warnings: string[]
  /** Skills the plan installs, updates or removes. */
  skills: string[]
}

/** True when applying this op changes nothing on disk (a keep, or a write or link already in place). */
export function isNoopOp(op: FileOp): boolean {
  return op.kind === 'keep' || ((op.kind === 'write' || op.kind === 'symlink') && op.action === 'unchanged')
}

/** True when applying the plan would change nothing on disk. */
export function isNoop(plan: Plan): boolean {
  return plan.ops.every(isNoopOp)
}
