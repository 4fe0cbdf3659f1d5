import pkg from '../../package.json' with { type: 'json' }

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
 */

export interface FlagSpec {
  /** Exactly as the server's CLI spells it, e.g. '--cluster_endpoint'. */
  name: string
  takesValue: boolean
  description: string
  repeatable?: boolean
}

export interface ToolSpec {
  /** Exact MCP tool name, e.g. 'transact'. */
  name: string
  /** Exact parameter names, e.g. ['sql_list', 'params_list']. */
  params: string[]
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
  /** Fixed environment for every configuration. */
  env: Record<string, string>
  /** Environment variable NAMES the server (or boto3 inside it) reads. */
  envVars: string[]
  /** The tools of that version. */
  tools: ToolSpec[]
  /** The flag that turns off the read-only default, if the server has one. */
  writeFlag?: string
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
const AWS_ENV_VARS = ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']

const flag = (name: string, takesValue: boolean, description: string, repeatable?: boolean): FlagSpec =>
  repeatable ? { name, takesValue, description, repeatable } : { name, takesValue, description }

// aurora-dsql-mcp-server 1.0.39: argparse in awslabs/aurora_dsql_mcp_server/server.py (FACTS §1.1).
const DSQL: McpServerSpec = {
  key: 'aurora-dsql',
  skill: 'dsql',
  displayName: 'Aurora DSQL',
  package: 'awslabs.aurora-dsql-mcp-server',
  version: '1.0.39',
  flags: [
    flag('--cluster_endpoint', true, 'Full cluster host name, <cluster-id>.dsql.<region>.on.aws.'),
    flag('--database_user', true, "Database role to connect as; 'admin' gets an admin IAM token."),
    flag('--region', true, 'AWS Region of the cluster.'),
    flag('--allow-writes', false, 'Lets transact change data; without it the server is read-only.'),
    flag('--profile', true, 'Named AWS profile for boto3 (the README says it does not work inside Docker).'),
    flag('--knowledge-server', true, 'HTTPS endpoint of the remote documentation service used by the dsql_* doc tools.'),
    flag('--knowledge-timeout', true, 'Seconds to wait for the documentation service (default 30.0, must be > 0).'),
  ],
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    { name: 'readonly_query', params: ['sql', 'params'] },
    { name: 'transact', params: ['sql_list', 'params_list'], writes: true },
    { name: 'get_schema', params: ['table_name'] },
    { name: 'dsql_search_documentation', params: ['search_phrase', 'limit'] },
    { name: 'dsql_read_documentation', params: ['url', 'start_index', 'max_length'] },
    { name: 'dsql_recommend', params: ['url'] },
    { name: 'dsql_lint', params: ['sql', 'fix'] },
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
    { name: 'dynamodb_data_modeling', params: [] },
    { name: 'dynamodb_data_model_validation', params: ['workspace_dir'] },
    {
      name: 'source_db_analyzer',
      params: [
        'source_db_type', 'source_identifier', 'execution_mode', 'queries_file_path', 'query_result_file_path',
        'pattern_analysis_days', 'max_query_results', 'aws_cluster_arn', 'aws_secret_arn', 'aws_region', 'hostname',
        'port', 'output_dir',
      ],
    },
    { name: 'generate_resources', params: ['dynamodb_data_model_json_file', 'resource_type'] },
    { name: 'dynamodb_data_model_schema_converter', params: ['generate_usage_data'] },
    { name: 'dynamodb_data_model_schema_validator', params: ['schema_path', 'usage_data_path'] },
    { name: 'generate_data_access_layer', params: ['schema_path', 'language', 'generate_sample_usage', 'usage_data_path'] },
    { name: 'compute_performances_and_costs', params: ['access_pattern_list', 'table_list', 'workspace_dir'] },
  ],
  newerSeen: { version: '2.1.8', seen: '2026-09' },
}

/** Flags the PostgreSQL and MySQL servers share since their 2025-12 / 2026-05 rewrites (FACTS §0.2). */
function rdsFlags(engine: 'PostgreSQL' | 'MySQL', methods: string, types: string, port: number): FlagSpec[] {
  return [
    flag('--connection_method', true, `How to reach ${engine}: ${methods}.`),
    flag('--db_cluster_arn', true, 'Cluster ARN; the identifier is its last ":" segment. Needed with --db_type.'),
    flag('--db_type', true, `${types}; when given, the server connects at startup and exits if it cannot.`),
    flag('--db_endpoint', true, 'Instance endpoint, for the wire-protocol connection methods.'),
    flag('--region', true, 'AWS Region of the cluster.'),
    flag('--database', true, 'Database name.'),
    flag('--port', true, `Database port (default ${port}).`),
    flag('--allow_write_query', false, 'Allows write statements; without it the server is read-only.'),
  ]
}

const RDS_TOOLS_COMMON: ToolSpec[] = [
  { name: 'run_query', params: ['sql', 'connection_method', 'cluster_identifier', 'db_endpoint', 'database', 'query_parameters'], writes: true },
  { name: 'get_table_schema', params: ['connection_method', 'cluster_identifier', 'db_endpoint', 'database', 'table_name'] },
  { name: 'connect_to_database', params: ['region', 'database_type', 'connection_method', 'cluster_identifier', 'db_endpoint', 'port', 'database'] },
]

// postgres-mcp-server 1.1.11: current flag set (since 2025-12-10, #1910), FACTS §1.3.
const POSTGRES: McpServerSpec = {
  key: 'aurora-postgresql',
  skill: 'aurora-postgresql',
  displayName: 'Aurora PostgreSQL',
  package: 'awslabs.postgres-mcp-server',
  version: '1.1.11',
  flags: [
    ...rdsFlags('PostgreSQL', 'RDS_API | PG_WIRE_PROTOCOL | PG_WIRE_IAM_PROTOCOL', 'APG (Aurora PostgreSQL) | RPG (RDS for PostgreSQL)', 5432),
    flag('--secret_arn', true, 'Secrets Manager ARN: <cluster_id>=<arn>, <instance_endpoint>=<arn> or one bare default <arn>.', true),
    flag('--privilege_check', true, 'warn | enforce | off: refuse superuser, rds_superuser members and BYPASSRLS roles under enforce (default warn).'),
  ],
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    ...RDS_TOOLS_COMMON,
    { name: 'is_database_connected', params: ['cluster_identifier', 'db_endpoint', 'database'] },
    { name: 'get_database_connection_info', params: [] },
    { name: 'create_cluster', params: ['region', 'cluster_identifier', 'database', 'engine_version', 'with_express_configuration'], writes: true },
    { name: 'get_job_status', params: ['job_id'] },
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
    ...rdsFlags('MySQL', 'RDS_API | MYSQL_WIRE_PROTOCOL | MYSQL_WIRE_IAM_PROTOCOL', 'aurora-mysql | mysql | mariadb', 3306),
    flag('--ca_bundle', true, 'PEM file that replaces the bundled Amazon RDS CA bundle for IAM TLS connections.'),
  ],
  env: FASTMCP_ENV,
  envVars: AWS_ENV_VARS,
  tools: [
    ...RDS_TOOLS_COMMON,
    { name: 'is_database_connected', params: ['cluster_identifier'] },
    { name: 'get_database_connection_info', params: [] },
    {
      name: 'create_cluster',
      params: ['region', 'cluster_identifier', 'database', 'engine_version', 'db_subnet_group_name', 'vpc_security_group_ids', 'cluster_type', 'db_instance_class'],
      writes: true,
    },
    { name: 'get_job_status', params: ['job_id'] },
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
  flags: [flag('--allow-writes', false, 'Lets transact change the local sandbox database.')],
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
