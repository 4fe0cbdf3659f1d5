import { dirname, resolve, relative } from 'node:path'
import { UsageError, UserError } from '../../core/errors.js'
import { emitJson, say, type IO } from '../io.js'
import pkg from '../../../package.json' with { type: 'json' }

export interface SandboxOptions {
  allowWrites?: boolean
  dir?: string
  dataDir?: string
  check?: string[]
  json?: boolean
}

const NO_LINT = 'dsql-lint is not available on this machine, so the sandbox cannot enforce DSQL\'s rules and refuses to start.'
const NO_LINT_HINT = 'The official binary ships for linux-x64 only (npm @aws/dsql-lint-linux-x64, installed with dbskills there). Elsewhere install it with `pip install dsql-lint` (puts dsql-lint on PATH), or point DBSKILLS_DSQL_LINT at a binary.'

/** `dbskills sandbox dsql`: the rehearsal MCP server on stdio, or `--check` for migration files. */
export async function runSandbox(engine: string, opts: SandboxOptions, io: IO): Promise<number> {
  if (engine !== 'dsql') throw new UsageError(`There is no sandbox for "${engine}".`, { hint: 'Only dsql has one: dbskills sandbox dsql' })
  const { createLinter, findDsqlLint } = await import('../../sandbox/lint.js')
  const bin = findDsqlLint(process.env)
  if (!bin) throw new UserError(NO_LINT, { hint: NO_LINT_HINT })
  const linter = createLinter(bin)
  const project = resolve(opts.dir ?? process.cwd())
  const { openDatabase } = await import('../../sandbox/database.js')

  if (opts.check) {
    if (opts.check.length === 0) throw new UsageError('--check needs at least one .sql file.')
    const { checkFiles } = await import('../../sandbox/check.js')
    const db = await openDatabase(undefined)
    try {
      const files = opts.check.map((f) => ({ path: resolve(project, f), display: f }))
      const report = await checkFiles(db, linter, files)
      if (io.json) emitJson(io, report)
      else if (report.violation) {
        const v = report.violation
        io.err(`${v.file}:${v.line}: ${v.code}${v.rule ? ` ${v.rule}` : ''}: ${v.message}\n  ${v.statement}`)
      } else say(io, `ok: ${report.files.length} file(s), ${report.statements} statement(s) in ${report.transactions} transaction(s) follow DSQL's rules (sandbox: no OCC, IAM or timing checks).`)
      return report.ok ? 0 : 1
    } finally {
      await db.close()
    }
  }

  const { lockDataDir, DEFAULT_DATA_DIR } = await import('../../sandbox/data-dir.js')
  const dataDir = resolve(project, opts.dataDir ?? DEFAULT_DATA_DIR)
  const unlock = lockDataDir(dataDir, { gitignore: dirname(dataDir) === resolve(project, dirname(DEFAULT_DATA_DIR)) })
  const { serveStdio } = await import('../../sandbox/rpc.js')
  // Open the database while the client handshakes; the first tool call waits for it. It starts on the next turn of
  // the event loop, after the client's first message (already waiting on stdin) is read and answered: loading PGlite
  // and filling a new data directory from the template are synchronous and would hold `initialize` for a second.
  const opening = new Promise<void>((resolve) => setImmediate(resolve)).then(() => openDatabase(dataDir))
  opening.catch(() => undefined)
  io.err(`dbskills DSQL sandbox ${pkg.version}: ${opts.allowWrites ? 'READ-WRITE' : 'READ-ONLY'}, data in ${relative(project, dataDir) || '.'}, dsql-lint ${bin}`)
  try {
    await serveStdio({ allowWrites: !!opts.allowWrites, db: () => opening, linter }, { name: 'dbskills-aurora-dsql-sandbox', version: pkg.version }, process.stdin, process.stdout)
  } finally {
    await opening.then((db) => db.close(), () => undefined)
    unlock()
  }
  return 0
}
