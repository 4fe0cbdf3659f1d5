/**
 * From validated options to what one server is launched with: its CLI flags, fixed env values and the variables
 * forwarded from the client's environment. Client- and runtime-neutral; entry.ts adds the launcher.
 */
import type { FactValues } from '../steering/facts.js'
import { connectionFacts as steeringFacts } from '../steering/facts.js'
import type { ConnectionFact } from '../steering/types.js'
import type { McpServerSpec } from './catalog.js'
import type { McpOptions } from './options.js'
import { regionOfArn, regionOfEndpoint } from './options.js'

export interface PassedVariable {
  name: string
  /** May be unset in the user's environment (a session token with long-term keys). */
  optional: boolean
}

export interface ServerSettings {
  /**
   * - `docs-only`: DSQL without a cluster: documentation and lint tools only.
   * - `unconnected`: PostgreSQL/MySQL without a cluster: the agent connects with connect_to_database.
   * - `connected`: a cluster is configured on the command line.
   * - `env-only`: DynamoDB, which has no flags.
   */
  mode: 'docs-only' | 'unconnected' | 'connected' | 'env-only'
  /** Server CLI arguments after the executable, in the catalog's flag order. */
  flags: string[]
  /** Literal env values (never secrets). */
  env: Record<string, string>
  /** Variables forwarded from the client's environment (credentials with --auth env). */
  passEnv: PassedVariable[]
}

const AWS_KEYS: PassedVariable[] = [
  { name: 'AWS_ACCESS_KEY_ID', optional: false },
  { name: 'AWS_SECRET_ACCESS_KEY', optional: false },
  { name: 'AWS_SESSION_TOKEN', optional: true },
]

const DEFAULT_DB_TYPE: Record<string, string> = { 'aurora-postgresql': 'APG', 'aurora-mysql': 'aurora-mysql' }
// Every Aurora PostgreSQL cluster has a `postgres` database; Aurora MySQL has no database we could assume.
const DEFAULT_DATABASE: Record<string, string> = { 'aurora-postgresql': 'postgres' }

/** The values a server is configured with, after defaults and derivations (region from endpoint or ARN). */
export function factValues(server: McpServerSpec, o: McpOptions): FactValues {
  const v: FactValues = { profile: o.profile }
  if (server.key === 'aurora-dsql') {
    v.clusterEndpoint = o.clusterEndpoint
    v.region = o.region ?? (o.clusterEndpoint ? regionOfEndpoint(o.clusterEndpoint) : undefined)
    v.databaseUser = o.databaseUser ?? (o.clusterEndpoint ? 'admin' : undefined)
    if (o.sandbox) v.sandbox = true
  } else if (server.key === 'dynamodb') {
    v.region = o.region
  } else {
    v.clusterArn = o.clusterArn
    v.dbEndpoint = o.dbEndpoint
    v.region = o.region ?? (o.clusterArn ? regionOfArn(o.clusterArn) : undefined)
    v.database = o.database ?? (o.clusterArn ? DEFAULT_DATABASE[server.key] : undefined)
    v.connectionMethod = o.connectionMethod ?? (o.clusterArn ? 'RDS_API' : undefined)
  }
  return v
}

/** The steering facts for this server, from the same derived values the config is written with. */
export function connectionFacts(server: McpServerSpec, o: McpOptions): ConnectionFact[] {
  return steeringFacts(server.skill, factValues(server, o))
}

function flagValues(server: McpServerSpec, o: McpOptions): { mode: ServerSettings['mode']; values: Map<string, string | true> } {
  const v = factValues(server, o)
  const values = new Map<string, string | true>()
  let mode: ServerSettings['mode'] = 'env-only'
  if (server.key === 'aurora-dsql') {
    mode = v.clusterEndpoint ? 'connected' : 'docs-only'
    if (v.clusterEndpoint && v.region && v.databaseUser) {
      values.set('--cluster_endpoint', v.clusterEndpoint).set('--region', v.region).set('--database_user', v.databaseUser)
    }
  } else if (server.key !== 'dynamodb') {
    mode = v.clusterArn ? 'connected' : 'unconnected'
    if (v.clusterArn && v.region && v.connectionMethod) {
      // --db_type makes the server connect at startup (FACTS §1.3/§1.4); without it the flags would be ignored.
      values.set('--connection_method', v.connectionMethod).set('--db_cluster_arn', v.clusterArn)
      values.set('--db_type', o.dbType ?? DEFAULT_DB_TYPE[server.key] ?? '').set('--region', v.region)
      if (v.dbEndpoint) values.set('--db_endpoint', v.dbEndpoint)
      if (v.database) values.set('--database', v.database)
      if (o.port !== undefined) values.set('--port', String(o.port))
    }
  }
  if (o.allowWrites && server.writeFlag) values.set(server.writeFlag, true)
  return { mode, values }
}

/** Flags, env and forwarded variables for one server under the given options. */
export function serverSettings(server: McpServerSpec, o: McpOptions): ServerSettings {
  const { mode, values } = flagValues(server, o)
  const flags: string[] = []
  for (const spec of server.flags) {
    const value = values.get(spec.name)
    if (value === undefined) continue
    flags.push(spec.name)
    if (value !== true) flags.push(value)
  }
  const env: Record<string, string> = { ...server.env }
  if (o.auth === 'profile' && o.profile) env.AWS_PROFILE = o.profile
  // DynamoDB has no --region flag: boto3 (and its DynamoDB Local client) take the region from the environment.
  if (server.key === 'dynamodb' && o.region) env.AWS_REGION = o.region
  return { mode, flags, env, passEnv: o.auth === 'env' ? AWS_KEYS : [] }
}
