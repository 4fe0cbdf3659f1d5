/**
 * One server entry for one client: a plain object ready for the client's config file. Data in, data out.
 */
import { createHash } from 'node:crypto'
import { isAwsServer, type AnyServerSpec, type McpServerSpec } from './catalog.js'
import type { McpClientSpec } from './clients.js'
import { AWS_SHELL_VARIABLES, envReference, inheritsFromShell } from './clients.js'
import type { McpOptions } from './options.js'
import { serverSettings } from './resolve.js'

/** The environment of the machine the config is for: passed in, never read from `process`. */
export interface HostInfo {
  platform: NodeJS.Platform
  /** Absolute home directory, used for the Docker ~/.aws mount where the client has no home variable. */
  home: string
}

/** A stdio server entry. Key order is the order written: type, command, args, env, env_vars, then the client's extras. */
export interface McpEntry {
  type?: 'stdio'
  command: string
  args: string[]
  env: Record<string, string>
  /** Codex only: names of variables forwarded from the client's environment. */
  env_vars?: string[]
  /** Codex only: seconds to wait for the server to start. */
  startup_timeout_sec?: number
}

/**
 * Where the awslabs server images look for ~/.aws: every Dockerfile of the four servers in awslabs/mcp (commit
 * 100b55b6, 2026-08-21, src/<server>/Dockerfile) runs `useradd app -g app -d /app` and `USER app`, so boto3 reads
 * /app/.aws, not /root/.aws. dockerfile() below creates the same user, so both images behave alike.
 */
export const CONTAINER_HOME = '/app'

/** Credential variables whose empty value is harmless (boto3 skips empty keys), so a reference may expand to "". */
const EMPTY_SAFE = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])

/**
 * The Docker image we point at. No image of these servers is published (verified 2026-11: the awslabs/mcp READMEs
 * only show `docker build` from a source checkout), so the user builds it once from `dockerfile()`. `--pull never`
 * in the run arguments keeps Docker from fetching a same-named image from a registry instead.
 */
export function dockerImage(server: McpServerSpec): string {
  return `${imageName(server.package)}:${server.version}`
}

/** The image repository for a PyPI package: `awslabs.x` becomes `awslabs/x`. */
export const imageName = (pkg: string): string => pkg.replace(/^awslabs\./, 'awslabs/')

/** A minimal Dockerfile that installs exactly the pinned version from PyPI, run as the upstream images' user. */
export function dockerfile(server: McpServerSpec): string {
  return [
    'FROM python:3.12-slim',
    `RUN pip install --no-cache-dir ${server.package}==${server.version} && useradd --create-home --home-dir ${CONTAINER_HOME} app`,
    'USER app',
    `ENTRYPOINT ["${server.package}"]`,
    '',
  ].join('\n')
}

function awsMount(client: McpClientSpec, host: HostInfo): string {
  const win = host.platform === 'win32'
  const home = client.homeRef ? (win ? client.homeRef.win32 : client.homeRef.posix) : host.home
  return `${home}${win ? '\\' : '/'}.aws:${CONTAINER_HOME}/.aws:ro`
}

/**
 * The default-chain variables a client would not hand the server from the shell (Codex passes none, Gemini CLI drops
 * the credential ones), to be named in the entry. Clients with references only get the ones that may expand empty.
 */
function unforwarded(client: McpClientSpec, set: Record<string, string>): string[] {
  return AWS_SHELL_VARIABLES.filter((name) => !(name in set) && !inheritsFromShell(client, name) && (client.envRef === undefined || EMPTY_SAFE.has(name)))
}

/**
 * Builds the entry for `server` under `options` in `client`'s dialect.
 * Secrets are never inlined: credentials are references to the client's environment (or Codex env_vars names).
 */
export function buildEntry(server: AnyServerSpec, options: McpOptions, client: McpClientSpec, host: HostInfo): McpEntry {
  if (!isAwsServer(server)) {
    // The sandbox is a local throwaway database: rehearsing a migration means writing, so it always may
    // (--allow-writes keeps governing the real cluster's server only).
    const npx = ['-y', `${server.package}@${server.version}`, ...(server.npxArgs ?? []), ...(server.writeFlag ? [server.writeFlag] : [])]
    // npx is a .cmd script on Windows, which clients cannot spawn directly.
    const [command, args] = host.platform === 'win32' ? ['cmd', ['/c', 'npx', ...npx]] : ['npx', npx]
    return client.stdioType ? { type: client.stdioType, command, args, env: {} } : { command, args, env: {} }
  }
  return buildAwsEntry(server, options, client, host)
}

function buildAwsEntry(server: McpServerSpec, options: McpOptions, client: McpClientSpec, host: HostInfo): McpEntry {
  const settings = serverSettings(server, options)
  const pinned = `${server.package}@${server.version}`
  const env: Record<string, string> = { ...settings.env }
  const forwarded: string[] = []
  // --auth env names the keys for every client; otherwise the shell's credentials still reach the server where the
  // client would filter them out (a user with exported keys or SSO exports gets the same server in every client).
  const pass = [...settings.passEnv]
  if (options.runtime !== 'docker' || options.auth === 'env') {
    for (const name of unforwarded(client, settings.env)) if (!pass.some((v) => v.name === name)) pass.push({ name, optional: true })
  }
  for (const v of pass) {
    const ref = envReference(client, v.name, v.optional)
    if (ref === undefined) forwarded.push(v.name)
    else env[v.name] = ref
  }

  let command: string
  let args: string[]
  if (options.runtime === 'docker') {
    command = 'docker'
    // Bare `-e NAME` copies NAME from the docker CLI's environment, which the client fills from `env` / env_vars.
    const names = [...Object.keys(settings.env), ...pass.map((v) => v.name)]
    args = ['run', '--rm', '-i', '--pull', 'never']
    if (options.auth === 'profile') args.push('-v', awsMount(client, host))
    for (const name of names) args.push('-e', name)
    args.push(dockerImage(server), ...settings.flags)
  } else if (options.runtime === 'uv-windows') {
    // The form the servers' READMEs give for Windows: run the .exe console script through `uv tool run`.
    command = 'uv'
    args = ['tool', 'run', '--from', pinned, `${server.package}.exe`, ...settings.flags]
  } else {
    command = 'uvx'
    args = [pinned, ...settings.flags]
  }

  const entry: McpEntry = client.stdioType ? { type: client.stdioType, command, args, env } : { command, args, env }
  if (forwarded.length > 0) entry.env_vars = forwarded
  return client.extra ? { ...entry, ...client.extra } : entry
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key])
    return out
  }
  return value
}

/** sha256 (hex) of the entry's canonical JSON: key order does not matter, array order does. */
export function entryHash(entry: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(entry))).digest('hex')
}
