/** A planned file operation. Paths are absolute; renderers show them relative to the base dir. */
export type FileOp =
  | {
      kind: 'write'
      path: string
      content: string | Buffer
      /** 0o755 for executable skill scripts. */
      mode?: number
      action: 'create' | 'update' | 'unchanged'
      /** What the write is for, shown in plans: 'skill', 'lock', 'steering', 'mcp'. */
      role: OpRole
    }
  | { kind: 'symlink'; path: string; target: string; action: 'create' | 'replace' | 'unchanged'; junction: boolean; role: OpRole; /** Copy source when a link cannot be made. */ fallbackFrom: string }
  | { kind: 'delete'; path: string; what: 'file' | 'symlink' | 'tree'; role: OpRole }
  /** Remove a directory only if it is empty at apply time. */
  | { kind: 'rmdir'; path: string; role: OpRole }
  /** Reported, deliberately not touched (a user edit we keep). */
  | { kind: 'keep'; path: string; reason: string; role: OpRole }

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

/** True when applying the plan would change nothing on disk. */
export function isNoop(plan: Plan): boolean {
  return plan.ops.every((op) => op.kind === 'keep' || ((op.kind === 'write' || op.kind === 'symlink') && op.action === 'unchanged'))
}
