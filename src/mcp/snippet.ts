/**
 * `dbskills mcp <server> --client <id>`: the ready-to-paste config for one client, the bare entry (for --json) and
 * what the user must still do. The text is what our writer would create in a new file, so snippet and install agree.
 */
import { upsertServer as upsertJson } from '../writers/mcp-json.js'
import { upsertServer as upsertToml } from '../writers/mcp-toml.js'
import { isAwsServer, type AnyServerSpec, type McpServerSpec } from './catalog.js'
import type { McpClientSpec } from './clients.js'
import type { HostInfo, McpEntry } from './entry.js'
import { buildEntry, dockerfile, dockerImage } from './entry.js'
import type { McpOptions } from './options.js'
import { serverSettings } from './resolve.js'

export interface Snippet {
  /** The whole file content for that client, e.g. {"mcpServers": {"aurora-dsql": {...}}} or a TOML table. */
  text: string
  /** The server object alone. */
  entry: McpEntry
  /** What the user still has to do or should know, one sentence each. */
  notes: string[]
}

/** Notes about the server, runtime and credentials; the client's own notes come first in renderSnippet. */
export function setupNotes(server: McpServerSpec, options: McpOptions, client: McpClientSpec): string[] {
  const notes: string[] = []
  const { mode } = serverSettings(server, options)
  if (mode === 'docs-only') {
    notes.push('No cluster given: the DSQL server starts with its documentation and dsql_lint tools only; add --cluster-endpoint (plus --region and --database-user if they differ from the endpoint region and admin) for the database tools.')
  }
  if (mode === 'unconnected') {
    notes.push('No cluster given: the server starts unconnected and the agent connects with connect_to_database; add --cluster-arn to connect at startup.')
  }
  if (server.writeFlag) {
    notes.push(options.allowWrites
      ? `Writes are enabled (${server.writeFlag}); connect as a database role that holds only the grants the agent needs.`
      : `Read-only: the server refuses writes (best effort); re-run with --allow-writes to add ${server.writeFlag}.`)
  } else if (options.allowWrites) {
    notes.push(`--allow-writes has no effect on ${server.package} ${server.version}: it has no write switch and does not change table data.`)
  }
  const pinned = `${server.package} is pinned to ${server.version}`
  notes.push(server.newerSeen
    ? `${pinned}; ${server.newerSeen.version} was on PyPI by ${server.newerSeen.seen} but its flags are not verified, so it is not used.`
    : `${pinned}.`)
  if (options.runtime === 'docker') {
    const image = dockerImage(server)
    notes.push(`No published image of ${server.package} exists (checked 2026-11), and --pull never stops Docker from fetching a same-named one. Build ${image} once:\ndocker build -t ${image} - <<'EOF'\n${dockerfile(server)}EOF`)
    if (server.key === 'dynamodb') notes.push('Inside this container dynamodb_data_model_validation finds neither a container runtime nor Java for DynamoDB Local; use the uvx runtime for that tool.')
    if (options.auth === 'profile') {
      notes.push('~/.aws is mounted read-only at /app/.aws, the home of the non-root user `app` the awslabs server images run as; that user must be able to read the files (uid 1000 in the image), and SSO profiles need a fresh `aws sso login` on the host.')
      if (!client.homeRef) notes.push(`${client.displayName} does not expand \${HOME} in args, so the mount names your home directory as an absolute path; edit it if the config moves to another machine.`)
    }
  } else {
    notes.push(`Needs uv from Astral on PATH (${options.runtime === 'uvx' ? 'uvx' : 'uv'}); see https://docs.astral.sh/uv/getting-started/installation/.`)
  }
  if (options.auth === 'env') {
    const how = client.envRef ? 'the config only references them' : 'env_vars forwards them by name'
    notes.push(`Export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in the shell that starts ${client.displayName}; ${how}.`)
  } else if (client.shellEnv !== 'all' && options.runtime !== 'docker') {
    notes.push(client.shellEnv === 'none'
      ? `${client.displayName} passes a server only HOME, PATH and what its entry names, so env_vars forwards the AWS_* variables of the default credential chain by name (never their values).`
      : `${client.displayName} drops variables whose names contain KEY, TOKEN or SECRET, so the entry references AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from your shell (never their values).`)
    if (client.id === 'vscode') notes.push("VS Code's MCP reference does not list ${env:NAME}; if the server cannot see the keys, delete those env lines: VS Code servers inherit VS Code's environment.")
  }
  return notes
}

/** The ready-to-paste config for `server` in `client`, with `options` on `host`. Writes nothing. */
export function renderSnippet(server: AnyServerSpec, options: McpOptions, client: McpClientSpec, host: HostInfo): Snippet {
  const entry = buildEntry(server, options, client, host)
  const upsert = client.format === 'toml' ? upsertToml : upsertJson
  const { content } = upsert(undefined, client.topKeyPath, server.key, entry)
  return { text: content, entry, notes: [...client.notes, ...(isAwsServer(server) ? setupNotes(server, options, client) : localNotes(server))] }
}

/** dbskills' own server (the DSQL sandbox): how it starts, where its data goes, what it needs. */
function localNotes(server: AnyServerSpec): string[] {
  return [
    `The client runs ${server.package}@${server.version} through npx in the folder it starts servers in (the project): the sandbox database lives in .dbskills/sandbox/dsql/ there (git-ignored), and writes to it are always allowed.`,
    'It checks every statement with dsql-lint, bundled for linux-x64; elsewhere put dsql-lint on PATH (pip install dsql-lint) or set DBSKILLS_DSQL_LINT.',
  ]
}
