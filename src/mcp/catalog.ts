import pkg from '../../package.json' with { type: 'json' }
import { AWS_SHELL_VARIABLES } from './clients.js'

/**
 * The four AWS MCP servers we configure, as data: package, PINNED version, the flag set and tools OF THAT VERSION.
 *
 * Why these versions (decided 2026-11-22): knowledge/FACTS.md §1 documents flags and tools from the awslabs/mcp
 * mirror at commit 100b55b6 (2026-08-21), where the packages are aurora-dsql 1.0.39, dynamodb 2.1.6, postgres 1.1.11
 * and mysql 1.0.26. PyPI already had newer releases (seen 2026-09/10: 1.1.4, 2.1.8, 1.2.2, 1.1.3) whose flags and
 * tools nobody here has read, and both the MySQL and PostgreSQL servers have changed their CLI before (FACTS §0.2:
 * `--resource_arn/--secret_arn/--readonly` were replaced), so emitting flags for an unread version could produce a
 * server that exits at startup. We therefore pin the mirror-HEAD versions, whose flag sets we can state exactly.
 * To move a pin: read that version's server.py argparse block and tool signatures, update the entry, the golden
 * files (UPDATE_GOLDEN=1) and the skills that document it. `newerSeen` records what we knew existed but did not adopt.
 *
 * Flag history (read 2026-12-02 from the awslabs/mcp mirror): `since` is the first release whose server.py argparse
 * block has the flag, counting only the unbroken run up to the pin (postgres dropped --secret_arn in its 1.0.10 rewrite
 * and brought it back, with a new syntax, in 1.1.6). A release is a commit that changed `version` in pyproject.toml.
 * Release commits of the pins: aurora-dsql 1.0.39, postgres 1.1.11 and mysql 1.0.26 at ebcafaed0 (2026-08-10),
 * dynamodb 2.1.6 at eff6cce0e (2026-08-13). `laterFlags` are flags seen after the pin (not emitted, not for the pin);
 * `removedFlags` are older ones a user may still paste. `hasFlag(server, version, name)` answers from all three.
 */

export interface FlagSpec {
  /** Exactly as the server's CLI spells it, e.g. '--cluster_endpoint'. */
  name: string
  takesValue: boolean
  description: string
  repeatable?: boolean
  /** First release of the server that has the flag (see the history note above). */
  since: string
}

/** A flag of a release after the pin: documented only as such, never emitted for the pinned version. */
export interface LaterFlagSpec extends FlagSpec {
  /** Where we know it from, and how sure the `since` version is. */
  evidence: string
}

/** A flag the pinned version no longer has: recognised in pasted configs, never emitted. */
export interface RemovedFlagSpec {
  name: string
  since: string
  /** Last release that still had it. */
  until: string
}

export interface ToolSpec {
  /** Exact MCP tool name, e.g. 'transact'. */
  name: string
  /** Exact parameter names, e.g. ['sql_list', 'params_list']. */
  params: string[]
  /** The parameters without a default (JSON Schema `required` in tools/list), in `params` order. */
  required: string[]
  /** True when the tool can change data or AWS resources. */
  writes?: boolean
}

export type McpServerKey = 'aurora-dsql' | 'dynamodb' | 'aurora-postgresql' | 'aurora-mysql'
/** Keys of dbskills' own servers, configured beside the AWS ones (not part of McpServerKey's tables). */
export type LocalServerKey = 'aurora-dsql-sandbox'
export type SkillName = 'dsql' | 'dynamodb' | 'aurora-postgresql' | 'aurora-mysql'

export interface McpServerSpec<K extends string = McpServerKey> {
  /** Config key in every client. */
  key: K
  /** The skill it belongs to. */
  skill: SkillName
  displayName: string
  /** PyPI package, e.g. 'awslabs.aurora-dsql-mcp-server'. */
  package: string
  /** Pinned, never 'latest'. */
  version: string
  /** The flag set of that version. */
  flags: FlagSpec[]
  /** Flags that arrive after the pinned version. */
  laterFlags: LaterFlagSpec[]
  /** Flags of releases before the pin that the pinned version rejects. */
  removedFlags: RemovedFlagSpec[]
  /** Fixed environment for every configuration. */
  env: Record<string, string>
  /** Environment variable NAMES the server (or boto3 inside it) reads. */
  envVars: string[]
  /** The tools of that version. */
  tools: ToolSpec[]
  /** The flag that turns off the read-only default, if the server has one. */
  writeFlag?: string
  /**
   * What the pinned version answers in `initialize`. Every pin here is a FastMCP 1.x server that passes no version,
   * so serverInfo.version is the installed MCP SDK's (mcp[cli]), never the package's.
   */
  serverInfo: { name: string; versionFrom: 'package' | 'mcp-sdk' }
  /** Newest PyPI version seen but not adopted (flags unverified), with the date it was seen. */
  newerSeen?: { version: string; seen: string }
  /**
   * Launched with npx instead of uvx/docker (this package's own servers): `npx -y <package>@<version> ...args`,
   * plus `writeFlag` when writes are allowed. The runtime flags do not apply.
   */
  npxArgs?: string[]
}

const FASTMCP_ENV = { FASTMCP_LOG_LEVEL: 'ERROR' }
/** boto3's standard credential and region variables: every server builds its AWS clients with boto3. */
const AWS_ENV_VARS = [...AWS_SHELL_VARIABLES]

const flag = (name: string, since: string, takesValue: boolean, description: string, repeatable?: boolean): FlagSpec =>
  repeatable ? { name, takesValue, description, repeatable, since } : { name, takesValue, description, since }
const removed = (until: string, since: string, ...names: string[]): RemovedFlagSpec[] => names.map((name) => ({ name, since, until }))
/** A tool whose parameters are all required except the listed optional ones. */
const tool = (name: string, params: string[], optional: string[] = [], writes?: boolean): ToolSpec => ({
  name, params, required: params.filter((p) => !optional.includes(p)), ...(writes ? { writes } : {}),
})

// aurora-dsql-mcp-server 1.0.39: argparse in awslabs/aurora_dsql_mcp_server/server.py (FACTS §1.1).
const DSQL: McpServerSpec = {
  key: 'aurora-dsql',
  skill: 'dsql',
  displayName: 'Aurora DSQL',
  package: 'awslabs.aurora-dsql-mcp-server',
  version: '1.0.39',
  flags: [
    flag('--cluster_endpoint', '0.0.1', true, 'Full cluster host name, <cluster-id>.dsql.<region>.on.aws.'),
    flag('--database_user', '0.0.1', true, "Database role to connect as; 'admin' gets an admin IAM token."),
    flag('--region', '0.0.1', true, 'AWS Region of the cluster.'),
    flag('--allow-writes', '0.0.1', false, 'Lets transact change data; without it the server is read-only.'),
    flag('--profile', '0.0.2', true, 'Named AWS profile for boto3 (the README says it does not work inside Docker).'),
    flag('--knowledge-server', '1.0.9', true, 'HTTPS endpoint of the remote documentation service used by the dsql_* doc tools.'),
    flag('--knowledge-timeout', '1.0.9', true, 'Seconds to wait for the documentation service (default 30.0, must be > 0).'),
  ],
  laterFlags: [],
  removedFlags: removed('0.0.2', '0.0.1', '--port', '--sse'),
  serverInfo: { name: 'awslabs-aurora-dsql-mcp-server', versionFrom: 'mcp-sdk' },
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    tool('readonly_query', ['sql', 'params'], ['params']),
    tool('transact', ['sql_list', 'params_list'], ['params_list'], true),
    tool('get_schema', ['table_name']),
    tool('dsql_search_documentation', ['search_phrase', 'limit'], ['limit']),
    tool('dsql_read_documentation', ['url', 'start_index', 'max_length'], ['start_index', 'max_length']),
    tool('dsql_recommend', ['url']),
    tool('dsql_lint', ['sql', 'fix'], ['fix']),
  ],
  writeFlag: '--allow-writes',
  newerSeen: { version: '1.1.4', seen: '2026-09' },
}

// dynamodb-mcp-server 2.1.6: no CLI flags at all; configuration is environment only (FACTS §1.2, §6).
const DYNAMODB: McpServerSpec = {
  key: 'dynamodb',
  skill: 'dynamodb',
  displayName: 'Amazon DynamoDB',
  package: 'awslabs.dynamodb-mcp-server',
  version: '2.1.6',
  flags: [],
  laterFlags: [],
  removedFlags: [],
  serverInfo: { name: 'dynamodb-mcp-server', versionFrom: 'mcp-sdk' },
  env: FASTMCP_ENV,
  envVars: [
    ...AWS_ENV_VARS,
    'JAVA_HOME',
    'MYSQL_CLUSTER_ARN',
    'MYSQL_SECRET_ARN',
    'MYSQL_DATABASE',
    'MYSQL_HOSTNAME',
    'MYSQL_PORT',
    'MYSQL_MAX_QUERY_RESULTS',
  ],
  tools: [
    tool('dynamodb_data_modeling', []),
    tool('dynamodb_data_model_validation', ['workspace_dir']),
    tool(
      'source_db_analyzer',
      [
        'source_db_type', 'source_identifier', 'execution_mode', 'queries_file_path', 'query_result_file_path',
        'pattern_analysis_days', 'max_query_results', 'aws_cluster_arn', 'aws_secret_arn', 'aws_region', 'hostname',
        'port', 'output_dir',
      ],
      [
        'source_identifier', 'execution_mode', 'queries_file_path', 'query_result_file_path', 'pattern_analysis_days',
        'max_query_results', 'aws_cluster_arn', 'aws_secret_arn', 'aws_region', 'hostname', 'port',
      ],
    ),
    tool('generate_resources', ['dynamodb_data_model_json_file', 'resource_type']),
    tool('dynamodb_data_model_schema_converter', ['generate_usage_data'], ['generate_usage_data']),
    tool('dynamodb_data_model_schema_validator', ['schema_path', 'usage_data_path'], ['usage_data_path']),
    tool('generate_data_access_layer', ['schema_path', 'language', 'generate_sample_usage', 'usage_data_path'], ['language', 'generate_sample_usage', 'usage_data_path']),
    tool('compute_performances_and_costs', ['access_pattern_list', 'table_list', 'workspace_dir']),
  ],
  newerSeen: { version: '2.1.8', seen: '2026-09' },
}

/** Flags the PostgreSQL and MySQL servers share since their 2025-12 / 2026-05 rewrites (FACTS §0.2). */
function rdsFlags(engine: 'PostgreSQL' | 'MySQL', methods: string, types: string, port: number, since: { rewrite: string; port: string; base: string }): FlagSpec[] {
  const { rewrite } = since
  return [
    flag('--connection_method', rewrite, true, `How to reach ${engine}: ${methods}.`),
    flag('--db_cluster_arn', rewrite, true, 'Cluster ARN; the identifier is its last ":" segment. Needed with --db_type.'),
    flag('--db_type', rewrite, true, `${types}; when given, the server connects at startup and exits if it cannot.`),
    flag('--db_endpoint', rewrite, true, 'Instance endpoint, for the wire-protocol connection methods.'),
    flag('--region', since.base, true, 'AWS Region of the cluster.'),
    flag('--database', since.base, true, 'Database name.'),
    flag('--port', since.port, true, `Database port (default ${port}).`),
    flag('--allow_write_query', rewrite, false, 'Allows write statements; without it the server is read-only.'),
  ]
}

const RDS_TOOLS_COMMON: ToolSpec[] = [
  tool('run_query', ['sql', 'connection_method', 'cluster_identifier', 'db_endpoint', 'database', 'query_parameters'], ['query_parameters'], true),
  tool('get_table_schema', ['connection_method', 'cluster_identifier', 'db_endpoint', 'database', 'table_name']),
  tool('connect_to_database', ['region', 'database_type', 'connection_method', 'cluster_identifier', 'db_endpoint', 'port', 'database']),
]

// postgres-mcp-server 1.1.11: current flag set (since 2025-12-10, #1910), FACTS §1.3.
const POSTGRES: McpServerSpec = {
  key: 'aurora-postgresql',
  skill: 'aurora-postgresql',
  displayName: 'Aurora PostgreSQL',
  package: 'awslabs.postgres-mcp-server',
  version: '1.1.11',
  flags: [
    ...rdsFlags('PostgreSQL', 'RDS_API | PG_WIRE_PROTOCOL | PG_WIRE_IAM_PROTOCOL', 'APG (Aurora PostgreSQL) | RPG (RDS for PostgreSQL)', 5432, { rewrite: '1.0.10', port: '1.0.4', base: '0.0.1' }),
    flag('--secret_arn', '1.1.6', true, 'Secrets Manager ARN: <cluster_id>=<arn>, <instance_endpoint>=<arn> or one bare default <arn>.', true),
  ],
  laterFlags: [
    // NOT in 1.1.11 (release commit ebcafaed0, 2026-08-10): merged as 67a86c331 on 2026-08-20; 1.1.11 rejects it.
    { ...flag('--privilege_check', '1.2.0', true, 'enforce | warn | off (default warn): refuse a superuser, an rds_superuser member or a BYPASSRLS role at connect time under enforce.'), evidence: 'awslabs/mcp PR #4299 (commit 67a86c331, 2026-08-20); first release inferred from release PR #4538 (2026-08-26), not confirmed on PyPI' },
    { ...flag('--ca_bundle', '1.2.2', true, 'PEM bundle for direct TLS connections.'), evidence: 'named with PR #4575 in the postgres CHANGELOG "Unreleased" section; not in the stored snapshot, release not confirmed' },
    { ...flag('--sslmode', '1.2.2', true, 'libpq sslmode for direct connections.'), evidence: 'named with PR #4575 in the postgres CHANGELOG "Unreleased" section; not in the stored snapshot, release not confirmed' },
  ],
  removedFlags: [...removed('1.0.9', '0.0.1', '--resource_arn', '--readonly', '--secret_arn'), ...removed('1.0.9', '1.0.4', '--hostname'), ...removed('0.0.5', '0.0.1', '--sse', '--port')],
  serverInfo: { name: 'pg-mcp MCP server. This is the starting point for all solutions created', versionFrom: 'mcp-sdk' },
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    ...RDS_TOOLS_COMMON,
    tool('is_database_connected', ['cluster_identifier', 'db_endpoint', 'database'], ['db_endpoint', 'database']),
    tool('get_database_connection_info', []),
    tool('create_cluster', ['region', 'cluster_identifier', 'database', 'engine_version', 'with_express_configuration'], ['database', 'engine_version', 'with_express_configuration'], true),
    tool('get_job_status', ['job_id']),
  ],
  writeFlag: '--allow_write_query',
  newerSeen: { version: '1.2.2', seen: '2026-09' },
}

// mysql-mcp-server 1.0.26: current flag set (since 2026-05-27, #3626), FACTS §1.4.
const MYSQL: McpServerSpec = {
  key: 'aurora-mysql',
  skill: 'aurora-mysql',
  displayName: 'Aurora MySQL',
  package: 'awslabs.mysql-mcp-server',
  version: '1.0.26',
  flags: [
    ...rdsFlags('MySQL', 'RDS_API | MYSQL_WIRE_PROTOCOL | MYSQL_WIRE_IAM_PROTOCOL', 'aurora-mysql | mysql | mariadb', 3306, { rewrite: '1.0.21', port: '1.0.8', base: '0.0.1' }),
    flag('--ca_bundle', '1.0.21', true, 'PEM file that replaces the bundled Amazon RDS CA bundle for IAM TLS connections.'),
  ],
  laterFlags: [],
  removedFlags: [...removed('1.0.20', '0.0.1', '--resource_arn', '--secret_arn', '--readonly'), ...removed('1.0.20', '1.0.8', '--hostname'), ...removed('0.0.1', '0.0.1', '--sse', '--port')],
  serverInfo: { name: 'mysql-mcp MCP server. This is the starting point for all solutions created', versionFrom: 'mcp-sdk' },
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    ...RDS_TOOLS_COMMON,
    tool('is_database_connected', ['cluster_identifier']),
    tool('get_database_connection_info', []),
    tool(
      'create_cluster',
      ['region', 'cluster_identifier', 'database', 'engine_version', 'db_subnet_group_name', 'vpc_security_group_ids', 'cluster_type', 'db_instance_class'],
      ['database', 'engine_version', 'db_subnet_group_name', 'vpc_security_group_ids', 'cluster_type', 'db_instance_class'],
      true,
    ),
    tool('get_job_status', ['job_id']),
  ],
  writeFlag: '--allow_write_query',
  newerSeen: { version: '1.1.3', seen: '2026-09' },
}

export const SERVERS: readonly McpServerSpec[] = [DSQL, DYNAMODB, POSTGRES, MYSQL]

/**
 * dbskills' own DSQL rehearsal sandbox (`dbskills sandbox dsql`): the same tools as DSQL above on a local PGlite
 * database that enforces DSQL's rules. Configured beside the real server by `add dsql --sandbox`; not in SERVERS,
 * which lists the AWS servers. Its version is this package's, so the entry runs the dbskills that wrote it.
 */
export const DSQL_SANDBOX: McpServerSpec<LocalServerKey> = {
  key: 'aurora-dsql-sandbox',
  skill: 'dsql',
  displayName: 'Aurora DSQL rehearsal sandbox (local)',
  package: 'dbskills',
  version: pkg.version,
  flags: [flag('--allow-writes', '0.1.0', false, 'Lets transact change the local sandbox database.')],
  laterFlags: [],
  removedFlags: [],
  serverInfo: { name: 'dbskills-aurora-dsql-sandbox', versionFrom: 'package' },
  env: {},
  envVars: [],
  tools: DSQL.tools,
  writeFlag: '--allow-writes',
  npxArgs: ['sandbox', 'dsql'],
}

export function serverForSkill(skill: string): McpServerSpec | undefined {
  return SERVERS.find((s) => s.skill === skill)
}

/** The servers `add` configures for a skill: its AWS server, plus the rehearsal sandbox when asked for. */
export function serversForSkill(skill: string, opts: { sandbox?: boolean } = {}): AnyServerSpec[] {
  const main = serverForSkill(skill)
  return [...(main ? [main] : []), ...(opts.sandbox && skill === DSQL_SANDBOX.skill ? [DSQL_SANDBOX] : [])]
}

export function serverByKey(key: string): McpServerSpec | undefined {
  return SERVERS.find((s) => s.key === key)
}

/** An AWS server or one of dbskills' own. */
export type AnyServerSpec = McpServerSpec<McpServerKey | LocalServerKey>

/** True for the four AWS servers (uvx/docker launched), false for dbskills' own. */
export function isAwsServer(server: AnyServerSpec): server is McpServerSpec {
  return SERVERS.some((s) => s === server)
}

/** serverByKey, including dbskills' own servers (for the layers that read recorded entries: doctor). */
export function anyServerByKey(key: string): AnyServerSpec | undefined {
  return [...SERVERS, DSQL_SANDBOX].find((s) => s.key === key)
}

/** The console-script name of the package (what Docker ENTRYPOINT and `uv tool run` execute). */
export function executableName(server: McpServerSpec): string {
  return server.package
}

export type FlagAvailability =
  | { kind: 'present'; flag: FlagSpec }
  | { kind: 'later'; flag: LaterFlagSpec }
  | { kind: 'removed'; flag: RemovedFlagSpec }
  | { kind: 'too-old'; flag: FlagSpec }
  | { kind: 'unknown' }

/**
 * Whether release `version` of `server` accepts `name`, from what the catalog knows. Versions at or before the pin
 * are answered from the read history (`since`, `until`); after the pin only the recorded later flags are known, so a
 * pinned flag is assumed to stay (the tool check in `dbskills doctor --live` catches what the catalog cannot).
 */
export function flagAvailability(server: McpServerSpec, version: string, name: string): FlagAvailability {
  const gone = server.removedFlags.find((f) => f.name === name && versionLte(f.since, version))
  if (gone && versionLte(version, gone.until)) return { kind: 'present', flag: { name, since: gone.since, takesValue: true, description: 'legacy flag' } }
  const pinned = server.flags.find((f) => f.name === name)
  if (pinned) return versionLte(pinned.since, version) ? { kind: 'present', flag: pinned } : { kind: 'too-old', flag: pinned }
  const later = server.laterFlags.find((f) => f.name === name)
  if (later) return versionLte(later.since, version) ? { kind: 'present', flag: later } : { kind: 'later', flag: later }
  if (gone) return { kind: 'removed', flag: gone }
  return { kind: 'unknown' }
}

/** a <= b for plain x.y.z release numbers (the only form the catalog uses). */
export function versionLte(a: string, b: string): boolean {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0)
  return true
}

/** "Does release `version` of `server` have flag `name`?" */
export function hasFlag(server: McpServerSpec, version: string, name: string): boolean {
  return flagAvailability(server, version, name).kind === 'present'
}
