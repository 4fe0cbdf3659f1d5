/**
 * The official dsql-lint binary, found where a user gets it: $DBSKILLS_DSQL_LINT, then the npm package
 * @aws/dsql-lint-linux-x64 (an optionalDependency of dbskills, so npm installs it on linux-x64 and skips it
 * elsewhere), then `dsql-lint` on PATH (what `pip install dsql-lint` provides on any platform).
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'

export interface LintDiagnostic {
  rule: string
  line: number
  message: string
  suggestion?: string
  statement_preview?: string
  fix_result?: { status: 'fixed' | 'fixed_with_warning' | 'unfixable'; detail?: string }
}

export interface LintOutput {
  diagnostics: LintDiagnostic[]
  fixed_sql: string | null
  summary: { errors: number; warnings: number; fixed: number }
}

export interface Linter {
  bin: string
  lint(sql: string, fix?: boolean): Promise<LintOutput>
}

/** Where the binary is, or undefined when this machine has none (every platform but linux-x64 without pip's). */
export function findDsqlLint(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DBSKILLS_DSQL_LINT) return existsSync(env.DBSKILLS_DSQL_LINT) ? env.DBSKILLS_DSQL_LINT : undefined
  try {
    const pkg = createRequire(import.meta.url).resolve('@aws/dsql-lint-linux-x64/package.json')
    const bin = join(dirname(pkg), 'bin', 'dsql-lint')
    if (existsSync(bin)) return bin
  } catch { /* not installed: optional, other platform */ }
  const exe = process.platform === 'win32' ? 'dsql-lint.exe' : 'dsql-lint'
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (existsSync(join(dir, exe))) return join(dir, exe)
  }
  return undefined
}

export function dsqlLintVersion(bin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, ['--version'], (err, stdout) => (err ? reject(err) : resolve(stdout.trim().replace(/^dsql-lint\s+/, ''))))
  })
}

interface LintJson {
  files?: Array<{ diagnostics?: LintDiagnostic[]; fixed_sql?: string | null; error?: string | null }>
  summary?: LintOutput['summary']
}

/** A linter over `bin`: stdin in, JSON out, exit codes 0/1/3 are answers, anything else is an error. */
export function createLinter(bin: string): Linter {
  return {
    bin,
    lint: (sql, fix = false) => new Promise((resolve, reject) => {
      const child = spawn(bin, ['--format', 'json', ...(fix ? ['--fix'] : []), '-'], { stdio: ['pipe', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
      child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
      child.on('error', (e) => reject(new Error(`dsql-lint failed to execute: ${e.message}`)))
      child.on('close', (code) => {
        if (code === 2) return reject(new Error(`dsql-lint usage error: ${stderr}`))
        if (code !== 0 && code !== 1 && code !== 3) return reject(new Error(`dsql-lint exited with unexpected returncode=${code}. stderr: ${stderr}`))
        try {
          const out = JSON.parse(stdout) as LintJson
          const file = out.files?.[0]
          if (!file) return reject(new Error(`dsql-lint returned no file results. output: ${stdout.slice(0, 200)}`))
          if (file.error) return reject(new Error(`dsql-lint: ${file.error}`))
          resolve({
            diagnostics: file.diagnostics ?? [],
            fixed_sql: fix ? (file.fixed_sql ?? null) : null,
            summary: out.summary ?? { errors: 0, warnings: 0, fixed: 0 },
          })
        } catch (e) {
          reject(new Error(`dsql-lint returned invalid JSON: ${(e as Error).message}`))
        }
      })
      child.stdin.end(sql)
    }),
  }
}
