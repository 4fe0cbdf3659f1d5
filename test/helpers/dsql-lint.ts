/**
 * Runs the official dsql-lint binary (npm @aws/dsql-lint-linux-x64, pinned in test/linux-binaries/package.json, an optional dev dependency) on SQL text and returns
 * its JSON diagnostics. Each SQL text is written to its own temp file so one binary run can lint many blocks and the
 * results map back by position.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Path of the pinned linter binary inside node_modules. */
export const DSQL_LINT_BIN = join(repoRoot, 'node_modules', '@aws', 'dsql-lint-linux-x64', 'bin', 'dsql-lint')

/** The version the skill's text was checked against; a test fails when the installed binary differs. */
export const PINNED_DSQL_LINT_VERSION = '0.2.20'

/** The binary ships for linux-x64 only; elsewhere the SQL tests are skipped with a message. */
export { LINUX_X64 as dsqlLintSupported } from './platform.js'

/** The linter's diagnostic, as the sandbox reads it (one declaration of dsql-lint's JSON). */
export type { LintDiagnostic } from '../../src/sandbox/lint.js'
import type { LintDiagnostic } from '../../src/sandbox/lint.js'

export interface LintResult {
  diagnostics: LintDiagnostic[]
  /** I/O or read error reported by the linter for this input, else null. */
  error: string | null
}

interface LintJson {
  schema_version: number
  files: Array<{ file: string; diagnostics: LintDiagnostic[]; error: string | null }>
}

function run(args: string[]): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(DSQL_LINT_BIN, args, { maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      // Exit 1 only means "diagnostics found"; 2 is a usage error and anything else is unexpected.
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
      if (code !== 0 && code !== 1) reject(new Error(`dsql-lint exited ${code}: ${stderr}`))
      else resolve({ stdout, code })
    })
  })
}

/** The installed binary's version string, e.g. "0.2.20". */
export async function dsqlLintVersion(): Promise<string> {
  const { stdout } = await run(['--version'])
  return stdout.trim().replace(/^dsql-lint\s+/, '')
}

/** Lints each SQL text separately (one temp file each) in a single binary run; results are in input order. */
export async function lintSqlTexts(texts: readonly string[]): Promise<LintResult[]> {
  if (!existsSync(DSQL_LINT_BIN)) throw new Error(`dsql-lint binary missing at ${DSQL_LINT_BIN}; run npm ci`)
  if (texts.length === 0) return []
  const dir = await mkdtemp(join(tmpdir(), 'dsql-lint-'))
  try {
    const files = texts.map((_, i) => join(dir, `block-${String(i).padStart(4, '0')}.sql`))
    await Promise.all(files.map((f, i) => writeFile(f, texts[i] ?? '')))
    const { stdout } = await run(['--format', 'json', ...files])
    const json = JSON.parse(stdout) as LintJson
    const byFile = new Map(json.files.map((f) => [f.file, f]))
    return files.map((f) => {
      const entry = byFile.get(f)
      if (!entry) throw new Error(`dsql-lint returned no entry for ${f}`)
      return { diagnostics: entry.diagnostics, error: entry.error }
    })
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}

/** Lints one SQL text and returns its diagnostics. */
export async function lintSql(sql: string): Promise<LintResult> {
  const [result] = await lintSqlTexts([sql])
  if (!result) throw new Error('dsql-lint returned no result')
  return result
}
