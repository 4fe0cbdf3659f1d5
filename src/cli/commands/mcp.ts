import { UsageError } from '../../core/errors.js'
import { anyServerByKey, DSQL_SANDBOX, isAwsServer, SERVERS, serverForSkill } from '../../mcp/catalog.js'
import { CLIENTS } from '../../mcp/clients.js'
import { flagName, parseMcpOptions, type RawMcpOptions } from '../../mcp/options.js'
import { renderSnippet } from '../../mcp/snippet.js'
import { createContext } from '../../core/context.js'
import { emitJson, type IO } from '../io.js'
import { parseClients, pickMcpFlags } from '../layers.js'

export interface McpCommandOptions { client?: string[]; json?: boolean; [flag: string]: unknown }

/** `dbskills mcp <server> --client <id>`: print the ready-to-paste config; write nothing. */
export async function runMcp(name: string, opts: McpCommandOptions, io: IO, env: { platform?: NodeJS.Platform; home?: string } = {}): Promise<number> {
  const server = anyServerByKey(name) ?? serverForSkill(name)
  if (!server) throw new UsageError(`Unknown MCP server "${name}".`, { hint: `Servers: ${SERVERS.map((s) => `${s.key} (skill ${s.skill})`).join(', ')}, ${DSQL_SANDBOX.key} (the local DSQL sandbox).` })
  const clients = parseClients(opts.client)
  if (!clients || clients.length !== 1) throw new UsageError('Name exactly one client with --client.', { hint: `Clients: ${CLIENTS.map((c) => c.id).join(', ')}.` })
  const ctx = createContext(env)
  const raw = pickMcpFlags(opts)
  const given = (Object.keys(raw) as (keyof RawMcpOptions)[]).map(flagName)
  if (!isAwsServer(server) && given.length)
    throw new UsageError(`${server.key} takes no server flags (${given.join(', ')}): it is a local database, always started as npx ${server.package} ${server.npxArgs?.join(' ')} ${server.writeFlag} in the project.`, { hint: `Drop ${given.length > 1 ? 'them' : 'it'}; the flags configure the AWS servers (dbskills mcp aurora-dsql ...).` })
  const options = parseMcpOptions(raw, { platform: ctx.platform, servers: isAwsServer(server) ? [server.key] : [] })
  const snippet = renderSnippet(server, options, clients[0]!, { platform: ctx.platform, home: ctx.home })
  if (io.json) emitJson(io, snippet.entry)
  else io.out(`${snippet.text.trimEnd()}`)
  io.err([`# ${clients[0]!.displayName}: put this in ${clients[0]!.projectPath} (project) — or run dbskills add ${server.skill}${isAwsServer(server) ? '' : ' --sandbox'} to write it for you.`, ...snippet.notes.map((n) => `# ${n}`)].join('\n'))
  return 0
}
