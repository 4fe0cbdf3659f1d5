/**
 * Runs AWS CLI commands from the skills through the real AWS CLI without reaching AWS: fake credentials, an
 * isolated HOME and config, one attempt, and an endpoint on a closed local port. The CLI parses and validates
 * every option and parameter against its service model before it sends anything, so a command that gets as far as
 * "Could not connect to the endpoint URL" is well formed; a misspelt option or a bad shorthand fails earlier.
 * The CLI is optional on a developer machine: callers skip (and say so) when `awsCliVersion()` is undefined.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The AWS CLI version these checks can use (awscli importable from a Python on PATH, which is how the CLI v1 and
 * pip installs ship), or undefined: then callers skip and say so. A standalone CLI v2 binary is not driven here.
 */
export function awsCliVersion(): string | undefined {
  const python = cliPython()
  if (!python) return undefined
  const r = spawnSync(python, ['-c', 'import awscli, botocore; print(f"awscli {awscli.__version__}, botocore {botocore.__version__}")'], { encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : undefined
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

// One Python process runs every command through the AWS CLI's own driver (awscli.clidriver), so the CLI's
// start-up cost (about 2-4 s per process here) is paid once. Words are split like a POSIX shell would (shlex).
const BATCH = `
import sys, json, shlex, io, contextlib
from awscli.clidriver import create_clidriver
driver = create_clidriver()
out = []
for line in json.load(sys.stdin):
    argv = shlex.split(line)
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf), contextlib.redirect_stdout(buf):
        try:
            driver.main(argv[1:] + ['--endpoint-url', 'http://127.0.0.1:9', '--cli-connect-timeout', '1', '--cli-read-timeout', '1'])
        except SystemExit:
            pass
    out.append(buf.getvalue())
sys.__stdout__.write(json.dumps(out))
`

/** The Python interpreter that can import the AWS CLI, or undefined. */
function cliPython(): string | undefined {
  return ['python3', 'python'].find((py) => spawnSync(py, ['-c', 'import awscli'], { encoding: 'utf8' }).status === 0)
}

/** Checks `aws ...` command lines against a dead endpoint, in one process; see the file comment. */
export async function checkAwsCommands(commands: string[]): Promise<CliOutcome[]> {
  const bad = commands.filter((c) => !/^aws\s/.test(c))
  if (bad.length) throw new Error(`not aws commands: ${bad.join('; ')}`)
  const python = cliPython()
  if (!python) throw new Error('no Python on PATH can import awscli')
  const home = mkdtempSync(join(tmpdir(), 'dbskills-aws-'))
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example-secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    }
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(python, ['-c', BATCH], { env })
      let out = ''
      let err = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      child.stderr.on('data', (d: Buffer) => (err += d.toString()))
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`aws cli batch failed (${code}): ${err}`))))
      child.stdin.end(JSON.stringify(commands))
    })
    const outputs = JSON.parse(stdout) as string[]
    return commands.map((command, i) => ({
      command,
      wellFormed: /Could not connect to the endpoint URL/.test(outputs[i] ?? ''),
      output: (outputs[i] ?? '').trim(),
    }))
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}
