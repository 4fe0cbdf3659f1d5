/**
 * Shared setup of the real-client tier: a git project, an isolated HOME (trusting the project or not), the fake
 * `uvx`/`docker` on PATH, `dbskills add` with realistic facts, and drivers for what a sync run cannot do (a capture
 * "model" endpoint that records the prompt a client would send, Codex's app-server over JSON-RPC).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { onTestFinished } from 'vitest'
import { dbskills, type Run } from '../helpers/cli.js'
import type { ClientCli, RunOptions, RunResult } from '../helpers/client-cli.js'
import { clientEnv } from '../helpers/client-cli.js'
import { installFakeLaunchers, readLaunches, type FakeLaunch } from '../helpers/fake-mcp.js'

/** Facts a user would give: every server connected, so each gets its real flags. */
export const FACTS = [
  '--cluster-endpoint', 'abc123.dsql.us-west-2.on.aws', '--cluster-arn', 'arn:aws:rds:us-west-2:123456789012:cluster:demo',
  '--database', 'appdb', '--region', 'us-west-2',
]
export const SERVER_KEYS = ['aurora-dsql', 'aurora-mysql', 'aurora-postgresql', 'dynamodb']
export const SKILLS = ['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb']
export const PINNED: Record<string, string> = {
  'aurora-dsql': 'awslabs.aurora-dsql-mcp-server@1.0.39',
  'aurora-mysql': 'awslabs.mysql-mcp-server@1.0.26',
  'aurora-postgresql': 'awslabs.postgres-mcp-server@1.1.11',
  dynamodb: 'awslabs.dynamodb-mcp-server@2.1.6',
}
/** Fake shell credentials (never real): what a user with SSO exports has in the shell that starts the client. */
export const SHELL_AWS = { AWS_ACCESS_KEY_ID: 'ASIAFAKEFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_SESSION_TOKEN: 'fake-token', AWS_REGION: 'us-west-2' }

export interface Lab {
  root: string
  dir: string
  home: string
  log: string
  binDir: string
  /** Runs the client in the project with the isolated home, the fake launchers first on PATH and the fake keys. */
  run(args: string[], opts?: Partial<RunOptions>): RunResult
  add(args: string[]): Run
  launches(): Promise<FakeLaunch[]>
}

export async function lab(client: ClientCli, files: Record<string, string> = {}): Promise<Lab> {
  const root = await mkdtemp(join(tmpdir(), `dbskills-${client.name}-`))
  onTestFinished(() => rm(root, { recursive: true, force: true, maxRetries: 3 }))
  const dir = join(root, 'project')
  const home = join(root, 'home')
  await mkdir(dir, { recursive: true })
  await mkdir(home, { recursive: true })
  spawnSync('git', ['init', '-q', dir])
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, rel, '..'), { recursive: true })
    await writeFile(join(dir, rel), text)
  }
  const { binDir, log } = await installFakeLaunchers(join(root, 'fake'))
  return {
    root, dir, home, log, binDir,
    run: (args, opts = {}) => client.run(args, { home, cwd: dir, timeoutMs: 90_000, ...opts, env: { PATH: binDir, ...SHELL_AWS, ...opts.env } }),
    add: (args) => dbskills(['add', '--all', '--yes', '--dir', dir, ...args], { env: { HOME: home } }),
    launches: () => readLaunches(log),
  }
}

/** Writes what makes each client trust (or approve) the project, in the isolated home. */
export async function trust(l: Lab, client: ClientCli['name']): Promise<void> {
  const put = async (rel: string, text: string) => { await mkdir(join(l.home, rel, '..'), { recursive: true }); await writeFile(join(l.home, rel), text) }
  if (client === 'claude') await put('.claude/settings.json', JSON.stringify({ enableAllProjectMcpServers: true }))
  if (client === 'codex') await put('.codex/config.toml', `[projects.${JSON.stringify(l.dir)}]\ntrust_level = "trusted"\n`)
  if (client === 'gemini') await put('.gemini/trustedFolders.json', JSON.stringify({ [l.dir]: 'TRUST_FOLDER' }))
  if (client === 'copilot') await put('.copilot/config.json', JSON.stringify({ trustedFolders: [l.dir] }))
}

/**
 * A stand-in model endpoint on 127.0.0.1 that records every request body and answers 400: the client builds and
 * sends its real first prompt (instructions, skills, tools) and stops. Runs as its own process because the client
 * runs under spawnSync.
 */
export async function captureEndpoint(root: string): Promise<{ url: string; bodies: () => Promise<string[]> }> {
  const log = join(root, 'capture.jsonl')
  const script = join(root, 'capture.mjs')
  await writeFile(log, '')
  await writeFile(script, `import { createServer } from 'node:http'
import { appendFileSync } from 'node:fs'
const s = createServer((req, res) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => {
  appendFileSync(${JSON.stringify(log)}, JSON.stringify(b) + '\\n')
  res.writeHead(400, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'dbskills capture: no model here' }, code: 400, message: 'no model here' }))
}) })
s.listen(0, '127.0.0.1', () => console.log(s.address().port))
`)
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] })
  onTestFinished(() => { child.kill() })
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  const { readFile } = await import('node:fs/promises')
  return {
    url: `http://127.0.0.1:${port.trim()}`,
    bodies: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as string),
  }
}

/** Codex app-server over stdio JSON-RPC: initialize, then the given calls in order (no model call). */
export async function codexAppServer(client: ClientCli, l: Lab, cwd: string): Promise<{ skills: unknown; status: unknown }> {
  const env = clientEnv({ home: l.home, cwd, env: { ...SHELL_AWS } }, [l.binDir, join(process.execPath, '..')])
  const p: ChildProcess = spawn(client.bin, ['app-server'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] })
  onTestFinished(() => { p.kill('SIGKILL') })
  const pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>()
  createInterface({ input: p.stdout! }).on('line', (line) => {
    try {
      const m = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown }
      if (m.id !== undefined && pending.has(m.id)) { pending.get(m.id)!(m); pending.delete(m.id) }
    } catch { /* not ours */ }
  })
  let id = 0
  const call = (method: string, params: unknown) => new Promise<{ result?: any; error?: unknown }>((resolve, reject) => {
    const i = ++id
    const timer = setTimeout(() => reject(new Error(`codex app-server: no answer to ${method}`)), 60_000)
    pending.set(i, (m) => { clearTimeout(timer); resolve(m) })
    p.stdin!.write(JSON.stringify({ jsonrpc: '2.0', id: i, method, params }) + '\n')
  })
  await call('initialize', { clientInfo: { name: 'dbskills-test', version: '0' } })
  p.stdin!.write(JSON.stringify({ jsonrpc: '2.0', method: 'initialized' }) + '\n')
  const skills = (await call('skills/list', { cwds: [cwd] })).result
  const thread = (await call('thread/start', { cwd, ephemeral: true })).result
  // Servers start with the thread; ask until all four answered (or 60 s).
  let status: any
  for (let i = 0; i < 60; i++) {
    status = (await call('mcpServerStatus/list', { threadId: thread?.thread?.id })).result
    if ((status?.data ?? []).filter((s: { runtimeStatus?: string }) => s.runtimeStatus === 'connected').length >= SERVER_KEYS.length) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  return { skills, status }
}

/** Counts of `needle` in `hay`. */
export const count = (hay: string, needle: string | RegExp): number =>
  typeof needle === 'string' ? hay.split(needle).length - 1 : (hay.match(new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : `${needle.flags}g`)) ?? []).length
