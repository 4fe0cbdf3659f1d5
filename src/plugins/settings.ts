/**
 * The connection facts each plugin asks its user for, as data. A channel turns each one into its own way of asking
 * (Claude Code `userConfig`, Gemini CLI extension `settings`, an environment variable for Cursor) and into the
 * reference its MCP config substitutes. None of them is a secret: the servers authenticate with IAM (DSQL tokens,
 * the RDS-managed secret in Secrets Manager), so there is no password to ask for.
 *
 * Leaving a fact empty keeps the server in the mode `dbskills add` writes without flags: DSQL documentation tools
 * only (server.py starts docs-only when --cluster_endpoint, --database_user or --region is empty), and the
 * PostgreSQL/MySQL servers unconnected (they connect at startup only when --db_type is non-empty; awslabs/mcp
 * postgres 1.1.11 and mysql 1.0.26, server.py main()).
 */
import type { McpOptions } from '../mcp/options.js'
import type { SkillName } from '../mcp/catalog.js'

export interface PluginSetting {
  /** Identifier in Claude Code `userConfig` (letters, digits, underscore). */
  key: string
  /** The McpOptions field the value feeds, so the entry is built by the same code as `dbskills add`. */
  option: keyof Pick<McpOptions, 'clusterEndpoint' | 'region' | 'databaseUser' | 'clusterArn' | 'database' | 'connectionMethod' | 'dbType'>
  title: string
  description: string
  /** Used when the user gives nothing ('' keeps the server unconnected). */
  default: string
  /** A closed list, shown as a picker where the channel has one. */
  options?: readonly string[]
}

const region = (what: string): Omit<PluginSetting, 'key'> => ({
  option: 'region', title: 'AWS Region', description: `AWS Region of the ${what}, e.g. us-west-2.`, default: '',
})

function aurora(engine: 'PostgreSQL' | 'MySQL', methods: readonly string[], dbTypes: string, database: string): PluginSetting[] {
  return [
    { key: 'cluster_arn', option: 'clusterArn', title: 'Cluster ARN', description: `Aurora ${engine} cluster ARN, arn:aws:rds:<region>:<account>:cluster:<name>. Empty: the agent connects with connect_to_database.`, default: '' },
    { key: 'region', ...region('cluster') },
    { key: 'database', option: 'database', title: 'Database', description: `Database name${database ? ` (default ${database})` : ''}.`, default: database },
    { key: 'connection_method', option: 'connectionMethod', title: 'Connection method', description: `How the server reaches ${engine}: ${methods.join(', ')}.`, default: 'RDS_API', options: methods },
    { key: 'db_type', option: 'dbType', title: 'Connect at startup as', description: `${dbTypes} to connect at startup with the values above; empty to start unconnected.`, default: '' },
  ]
}

export const PLUGIN_SETTINGS: Readonly<Record<SkillName, readonly PluginSetting[]>> = {
  dsql: [
    { key: 'cluster_endpoint', option: 'clusterEndpoint', title: 'DSQL cluster endpoint', description: '<cluster-id>.dsql.<region>.on.aws. Empty: documentation and lint tools only.', default: '' },
    { key: 'region', ...region('cluster') },
    { key: 'database_user', option: 'databaseUser', title: 'Database role', description: 'Role to connect as; admin gets an admin IAM token.', default: 'admin' },
  ],
  // DynamoDB's server has no flags; it takes credentials and Region from the environment (AWS_PROFILE, AWS_REGION).
  dynamodb: [],
  'aurora-postgresql': aurora('PostgreSQL', ['RDS_API', 'PG_WIRE_PROTOCOL', 'PG_WIRE_IAM_PROTOCOL'], 'APG (Aurora) or RPG (RDS)', 'postgres'),
  'aurora-mysql': aurora('MySQL', ['RDS_API', 'MYSQL_WIRE_PROTOCOL', 'MYSQL_WIRE_IAM_PROTOCOL'], 'aurora-mysql, mysql or mariadb', ''),
}

/** The environment variable that carries a setting where a channel asks through the environment, e.g. DSQL_CLUSTER_ENDPOINT. */
export function settingEnvName(skill: SkillName, setting: PluginSetting): string {
  return `${skill}_${setting.key}`.toUpperCase().replace(/-/g, '_')
}

/**
 * McpOptions whose connection facts are the channel's references (e.g. `${user_config.region}`), or none at all
 * for channels that cannot substitute values. Read-only and the default launcher, as `dbskills add` defaults.
 */
export function referenceOptions(skill: SkillName, ref: ((s: PluginSetting) => string) | undefined): McpOptions {
  const options: McpOptions = { runtime: 'uvx', auth: 'profile', allowWrites: false }
  if (ref) for (const s of PLUGIN_SETTINGS[skill]) (options as unknown as Record<string, string>)[s.option] = ref(s)
  return options
}
