/**
 * Errors are values until the entry point: core code throws these, only cli/main.ts catches,
 * renders (JSON-aware) and exits. Message template: what happened, where, how to fix it.
 */
export interface ErrorOptions {
  hint?: string
  exitCode?: number
  cause?: unknown
  /** Structured details for --json output (e.g. the conflicts of a refused plan). */
  details?: unknown
}

export class UserError extends Error {
  readonly hint?: string
  readonly exitCode: number
  readonly details?: unknown
  constructor(message: string, opts: ErrorOptions = {}) {
    super(message, { cause: opts.cause })
    this.name = 'UserError'
    this.hint = opts.hint
    this.exitCode = opts.exitCode ?? 1
    this.details = opts.details
  }
}

/** Bad invocation: unknown flag, unknown skill or agent, bad flag value. Exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, opts: Omit<ErrorOptions, 'exitCode'> = {}) {
    super(message, { ...opts, exitCode: 2 })
    this.name = 'UsageError'
  }
}

/** A bug of ours: rendered with a "please report" line. */
export class InternalError extends Error {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'InternalError'
  }
}
