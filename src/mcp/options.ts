/**
 * The MCP server options of `add` and `mcp`, from raw flag values to a typed, validated value. Every problem is
 * collected and reported in one UsageError that names each flag and what it should look like.
 */
import { UsageError } from '../core/errors.js'
import type { McpServerKey } from './catalog.js'
import { describeSecret, findSecret, redactSecrets } from './secrets.js'

export type Runtime = 'uvx' | 'docker' | 'uv-windows'
export type AuthMode = 'profile' | 'env'

/** Flag values as commander gives them (camelCase, strings). */
export interface RawMcpOptions {
  runtime?: string
  auth?: string
  profile?: string
  region?: string
  clusterEndpoint?: string
  databaseUser?: string
  clusterArn?: string
  dbEndpoint?: string
  database?: string
  connectionMethod?: string
  dbType?: string
  port?: string | number
  allowWrites?: boolean
  /** add dsql --sandbox: also configure the local rehearsal sandbox (aurora-dsql-sandbox). */
  sandbox?: boolean
}

export interface McpOptions {
  runtime: Runtime
  auth: AuthMode
  profile?: string
  /** Only what the user gave; per-server regions derived from an endpoint or ARN come from `resolve.ts`. */
  region?: string
  clusterEndpoint?: string
  databaseUser?: string
  clusterArn?: string
  dbEndpoint?: string
  database?: string
  /** Normalised to the server's CLI spelling, e.g. 'RDS_API'. */
  connectionMethod?: string
  /** Normalised to the server's CLI spelling: 'APG' | 'RPG' | 'aurora-mysql' | 'mysql' | 'mariadb'. */
  dbType?: string
  port?: number
  allowWrites: boolean
  sandbox?: boolean
}

export interface OptionIssue {
  flag: string
  message: string
}

export interface ParseContext {
  platform: NodeJS.Platform
  /** The servers being configured; flags that apply to none of them are reported. Omit to skip that check. */
  servers?: readonly McpServerKey[]
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/
const DSQL_ENDPOINT = /^[a-z0-9]+\.dsql\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.on\.aws$/
const CLUSTER_ARN = /^arn:aws(?:-cn|-us-gov)?:rds:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):\d{12}:cluster:[a-z][a-z0-9-]{0,62}$/i
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/
const PROFILE = /^[A-Za-z0-9_.@+=,-]{1,128}$/

/** Connection methods per engine: the CLI NAME, plus the lower-case tool value accepted as an alias. */
export const CONNECTION_METHODS = {
  'aurora-postgresql': { RDS_API: 'rdsapi', PG_WIRE_PROTOCOL: 'pgwire', PG_WIRE_IAM_PROTOCOL: 'pgwire_iam' },
  'aurora-mysql': { RDS_API: 'rdsapi', MYSQL_WIRE_PROTOCOL: 'mysqlwire', MYSQL_WIRE_IAM_PROTOCOL: 'mysqlwire_iam' },
} as const satisfies Record<string, Record<string, string>>
export const DB_TYPES = { 'aurora-postgresql': ['APG', 'RPG'], 'aurora-mysql': ['aurora-mysql', 'mysql', 'mariadb'] } as const

type RdsKey = keyof typeof CONNECTION_METHODS
const RDS: readonly RdsKey[] = ['aurora-postgresql', 'aurora-mysql']

/** Which servers each server-specific flag means something to. */
const APPLIES: Partial<Record<keyof RawMcpOptions, readonly McpServerKey[]>> = {
  clusterEndpoint: ['aurora-dsql'],
  databaseUser: ['aurora-dsql'],
  sandbox: ['aurora-dsql'],
  clusterArn: RDS,
  dbEndpoint: RDS,
  database: RDS,
  connectionMethod: RDS,
  dbType: RDS,
  port: RDS,
  region: ['aurora-dsql', 'dynamodb', ...RDS],
}

export const flagName = (key: keyof RawMcpOptions): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

export function normalizeConnectionMethod(server: RdsKey, value: string): string | undefined {
  const methods = CONNECTION_METHODS[server]
  const upper = value.toUpperCase()
  if (upper in methods) return upper
  return Object.entries(methods).find(([, alias]) => alias === value.toLowerCase())?.[0]
}

export function normalizeDbType(server: RdsKey, value: string): string | undefined {
  return DB_TYPES[server].find((t) => t.toLowerCase() === value.toLowerCase())
}

export const regionOfEndpoint = (endpoint: string): string | undefined => DSQL_ENDPOINT.exec(endpoint)?.[1]
export const regionOfArn = (arn: string): string | undefined => CLUSTER_ARN.exec(arn)?.[1]

/**
 * Validates raw flag values. Errors as values: `issues` lists every problem; `options` is set only when there are none.
 */
export function checkMcpOptions(raw: RawMcpOptions, ctx: ParseContext): { options?: McpOptions; issues: OptionIssue[] } {
  const issues: OptionIssue[] = []
  // Messages quote the value given; redactSecrets masks anything secret-shaped that got past findSecret's rules.
  const bad = (key: keyof RawMcpOptions, message: string) => issues.push({ flag: flagName(key), message: `${flagName(key)} ${redactSecrets(message)}` })
  const str = (key: keyof RawMcpOptions): string | undefined => {
    const v = raw[key]
    if (v === undefined || typeof v === 'boolean') return undefined
    const s = String(v).trim()
    if (s === '') bad(key, 'is empty; give a value or leave the flag out')
    return s === '' ? undefined : s
  }

  for (const key of Object.keys(raw) as (keyof RawMcpOptions)[]) {
    const v = raw[key]
    const finding = typeof v === 'string' ? findSecret(v) : undefined
    if (finding) issues.push({ flag: flagName(key), message: describeSecret(flagName(key), finding) })
  }
  if (issues.length > 0) return { issues } // never echo a secret through the other messages

  const runtime = str('runtime') ?? (ctx.platform === 'win32' ? 'uv-windows' : 'uvx')
  if (!['uvx', 'docker', 'uv-windows'].includes(runtime)) bad('runtime', `must be uvx, docker or uv-windows (got "${runtime}")`)
  const auth = str('auth') ?? 'profile'
  if (!['profile', 'env'].includes(auth)) bad('auth', `must be profile or env (got "${auth}")`)

  const profile = str('profile')
  if (profile !== undefined && !PROFILE.test(profile)) bad('profile', `must be an AWS profile name such as dev or my-sso-profile (got "${profile}")`)
  if (profile !== undefined && auth === 'env') bad('profile', 'only applies with --auth profile; with --auth env the AWS_* variables are used')

  const region = str('region')
  if (region !== undefined && !REGION.test(region)) bad('region', `must be an AWS Region such as us-west-2 (got "${region}")`)

  const clusterEndpoint = str('clusterEndpoint')?.toLowerCase()
  if (clusterEndpoint !== undefined) {
    const own = regionOfEndpoint(clusterEndpoint)
    if (own === undefined) bad('clusterEndpoint', `must look like <cluster-id>.dsql.<region>.on.aws, e.g. abc123.dsql.us-west-2.on.aws (got "${clusterEndpoint}")`)
    else if (region !== undefined && REGION.test(region) && own !== region) bad('region', `is ${region} but --cluster-endpoint is in ${own}; drop --region or make them agree`)
  }
  const databaseUser = str('databaseUser')
  if (databaseUser !== undefined && !IDENTIFIER.test(databaseUser)) bad('databaseUser', `must be a database role name such as admin or app_reader (got "${databaseUser}")`)
  if (databaseUser !== undefined && clusterEndpoint === undefined) bad('databaseUser', 'needs --cluster-endpoint (without a cluster the DSQL server runs documentation tools only)')

  const clusterArn = str('clusterArn')
  if (clusterArn !== undefined) {
    const own = regionOfArn(clusterArn)
    if (own === undefined) bad('clusterArn', `must look like arn:aws:rds:<region>:<12-digit account>:cluster:<name> (got "${clusterArn}")`)
    else if (region !== undefined && REGION.test(region) && own !== region) bad('region', `is ${region} but --cluster-arn is in ${own}; drop --region or make them agree`)
  }
  const dbEndpoint = str('dbEndpoint')?.toLowerCase()
  if (dbEndpoint !== undefined && !HOSTNAME.test(dbEndpoint)) bad('dbEndpoint', `must be a host name such as my-db.cluster-abc.us-west-2.rds.amazonaws.com (got "${dbEndpoint}")`)
  const database = str('database')
  if (database !== undefined && !IDENTIFIER.test(database)) bad('database', `must be a database name of letters, digits, _ or - (got "${database}")`)

  const rdsSelected = RDS.filter((k) => ctx.servers === undefined || ctx.servers.includes(k))
  const connectionMethodRaw = str('connectionMethod')
  let connectionMethod: string | undefined
  if (connectionMethodRaw !== undefined) {
    const found = rdsSelected.map((k) => normalizeConnectionMethod(k, connectionMethodRaw))
    connectionMethod = found.find((m) => m !== undefined)
    const wantAll = ctx.servers !== undefined
    if (connectionMethod === undefined || (wantAll && found.some((m) => m === undefined))) {
      const allowed = rdsSelected.flatMap((k) => Object.keys(CONNECTION_METHODS[k]))
      bad('connectionMethod', `must be one of ${[...new Set(allowed)].join(', ')} (got "${connectionMethodRaw}")`)
    }
  }
  const dbTypeRaw = str('dbType')
  let dbType: string | undefined
  if (dbTypeRaw !== undefined) {
    dbType = rdsSelected.map((k) => normalizeDbType(k, dbTypeRaw)).find((t) => t !== undefined)
    if (dbType === undefined) bad('dbType', `must be one of ${rdsSelected.flatMap((k) => DB_TYPES[k]).join(', ')} (got "${dbTypeRaw}")`)
  }
  const portRaw = str('port')
  const port = portRaw === undefined ? undefined : Number(portRaw)
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) bad('port', `must be a whole number from 1 to 65535 (got "${portRaw}")`)

  if (clusterArn === undefined && rdsSelected.length > 0) {
    for (const key of ['dbEndpoint', 'connectionMethod', 'dbType', 'port', 'database'] as const) {
      if (raw[key] !== undefined) bad(key, 'needs --cluster-arn: without a cluster the server starts unconnected and the agent calls connect_to_database')
    }
  }
  if (connectionMethod?.includes('WIRE') && dbEndpoint === undefined) bad('dbEndpoint', `is required with --connection-method ${connectionMethod} (the wire protocols connect to an instance endpoint)`)
  // FACTS §1.4: the MySQL server's Data API path exists for Aurora MySQL only, and its IAM path not for MariaDB.
  if (connectionMethod === 'RDS_API' && (dbType === 'mysql' || dbType === 'mariadb')) {
    bad('connectionMethod', `RDS_API (the Data API) only works with --db-type aurora-mysql, not ${dbType}`)
  }
  if (connectionMethod === 'MYSQL_WIRE_IAM_PROTOCOL' && dbType === 'mariadb') bad('connectionMethod', 'MYSQL_WIRE_IAM_PROTOCOL does not support --db-type mariadb')

  if (ctx.servers !== undefined) {
    for (const [key, servers] of Object.entries(APPLIES) as [keyof RawMcpOptions, readonly McpServerKey[]][]) {
      if (raw[key] !== undefined && !servers.some((s) => ctx.servers!.includes(s))) {
        bad(key, `does not apply to ${ctx.servers.join(', ')} (it is for ${servers.join(', ')})`)
      }
    }
  }
  if (issues.length > 0) return { issues }

  const options: McpOptions = { runtime: runtime as Runtime, auth: auth as AuthMode, allowWrites: raw.allowWrites === true }
  if (raw.sandbox === true) options.sandbox = true
  const set = { profile, region, clusterEndpoint, databaseUser, clusterArn, dbEndpoint, database, connectionMethod, dbType, port }
  for (const [k, v] of Object.entries(set)) if (v !== undefined) (options as unknown as Record<string, unknown>)[k] = v
  return { options, issues }
}

/**
 * Parses and validates raw flag values.
 * @throws UsageError listing every bad flag and what it should look like (details: OptionIssue[])
 */
export function parseMcpOptions(raw: RawMcpOptions, ctx: ParseContext): McpOptions {
  const { options, issues } = checkMcpOptions(raw, ctx)
  if (options) return options
  const lines = issues.map((i) => `  ${i.message}`).join('\n')
  throw new UsageError(`Invalid MCP server option${issues.length > 1 ? 's' : ''}:\n${lines}`, {
    hint: 'Fix the flags above and re-run; `dbskills mcp <server> --help` lists them.',
    details: issues,
  })
}
