/**
 * Runs AWS CLI commands from the skills through the real `aws` binary without reaching AWS: fake credentials, an
 * isolated HOME and config, one attempt, and an endpoint on a closed local port. The CLI parses and validates
 * every option and parameter against its service model before it sends anything, so a command that gets as far as
 * "Could not connect to the endpoint URL" is well formed; a misspelt option or a bad shorthand fails earlier.
 * `aws` is optional on a developer machine: callers skip (and say so) when `awsCliVersion()` is undefined.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** `aws --version` output, or undefined when no AWS CLI is on PATH. */
export function awsCliVersion(): string | undefined {
  const r = spawnSync('aws', ['--version'], { encoding: 'utf8' })
  return r.status === 0 ? `${r.stdout}${r.stderr}`.trim() : undefined
}

/** The shell commands in a bash fence, with `\` line continuations joined; comments and blank lines dropped. */
export function shellCommands(fence: string): string[] {
  return fence
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
}

export interface CliOutcome {
  command: string
  /** true when the CLI accepted the command and only failed to connect. */
  wellFormed: boolean
  output: string
}

/** Runs one `aws ...` command line (shell syntax) against a dead endpoint and reports whether it was well formed. */
export async function checkAwsCommand(command: string): Promise<CliOutcome> {
  const home = mkdtempSync(join(tmpdir(), 'dbskills-aws-'))
  try {
    // Appended last so a command's own --region still applies; the endpoint override keeps every call local.
    const line = `${command} --endpoint-url http://127.0.0.1:9 --cli-connect-timeout 1 --cli-read-timeout 1`
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example-secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
    }
    const output = await new Promise<string>((resolve) => {
      const child = spawn('bash', ['-c', line], { env })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      child.stderr.on('data', (d: Buffer) => (out += d.toString()))
      child.on('close', () => resolve(out))
    })
    return { command, wellFormed: /Could not connect to the endpoint URL/.test(output), output: output.trim() }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}
