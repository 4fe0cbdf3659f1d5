/**
 * The connection facts each skill's steering shows, built from the `add` flags (camelCase, as commander gives
 * them). A fact the user did not give becomes an explicit placeholder for `doctor` to report; facts that are
 * fixed by the service (DSQL's single `postgres` database, IAM token auth) are stated outright.
 */
import { InternalError } from '../core/errors.js'
import { makePlaceholder } from './placeholder.js'
import type { ConnectionFact } from './types.js'

/** The `add` flag values that feed steering facts; all optional. */
export interface FactValues {
  clusterEndpoint?: string
  region?: string
  databaseUser?: string
  profile?: string
  clusterArn?: string
  dbEndpoint?: string
  database?: string
  connectionMethod?: string
  /** dsql: the aurora-dsql-sandbox MCP server is configured too (add --sandbox). */
  sandbox?: boolean
}

/** The steering line that sends the agent to the rehearsal sandbox before the real cluster. */
export const SANDBOX_FACT: ConnectionFact = {
  label: 'Rehearsal sandbox',
  value: 'MCP server aurora-dsql-sandbox (local, enforces DSQL rules; no OCC, IAM or latency). Run every migration and DDL change there first, and only when it passes there, on the cluster through aurora-dsql',
  placeholder: '',
}

const DEFAULT_CREDENTIALS = 'the default AWS credential chain (AWS_PROFILE, environment variables or an instance role)'

const region = (v: FactValues): ConnectionFact =>
  ({ label: 'AWS region', value: v.region, placeholder: makePlaceholder('AWS region', 'us-east-1') })
// No profile is a valid choice (the default chain), not a missing fact, so it is never a placeholder.
const credentials = (v: FactValues): ConnectionFact =>
  ({ label: 'AWS credentials', value: v.profile ? `AWS profile ${v.profile}` : DEFAULT_CREDENTIALS, placeholder: '' })

/** Aurora PostgreSQL and MySQL: the cluster ARN and/or the endpoint (the MCP server accepts either). */
function aurora(v: FactValues, engine: 'PostgreSQL' | 'MySQL', method: string, database: string): ConnectionFact[] {
  const target: ConnectionFact[] = []
  if (v.clusterArn) target.push({ label: 'Cluster ARN', value: v.clusterArn, placeholder: '' })
  if (v.dbEndpoint) target.push({ label: 'Database endpoint', value: v.dbEndpoint, placeholder: '' })
  if (target.length === 0) {
    target.push({ label: 'Cluster', placeholder: makePlaceholder(`Aurora ${engine} cluster ARN or endpoint`, 'arn:aws:rds:us-east-1:123456789012:cluster:my-cluster') })
  }
  return [
    ...target,
    { label: 'Database', value: v.database, placeholder: makePlaceholder('database name', database) },
    { label: 'Connection method', value: v.connectionMethod, placeholder: makePlaceholder('MCP connection method', method) },
    region(v),
    credentials(v),
  ]
}

/**
 * The connection facts for `skill`, in display order.
 * @throws InternalError for a skill this package does not ship
 */
export function connectionFacts(skill: string, v: FactValues): ConnectionFact[] {
  switch (skill) {
    case 'dsql':
      return [
        { label: 'Cluster endpoint', value: v.clusterEndpoint, placeholder: makePlaceholder('DSQL cluster endpoint', 'abc123.dsql.us-east-1.on.aws') },
        region(v),
        { label: 'Database user', value: v.databaseUser, placeholder: makePlaceholder('database user', 'admin') },
        { label: 'Database', value: 'postgres (the only database an Aurora DSQL cluster has)', placeholder: '' },
        { label: 'Authentication', value: 'IAM auth token generated per connection (dsql:DbConnectAdmin for admin, dsql:DbConnect for other roles); no password', placeholder: '' },
        credentials(v),
        ...(v.sandbox ? [SANDBOX_FACT] : []),
      ]
    case 'dynamodb':
      return [region(v), credentials(v)]
    case 'aurora-postgresql':
      return aurora(v, 'PostgreSQL', 'rdsapi', 'postgres')
    case 'aurora-mysql':
      return aurora(v, 'MySQL', 'rdsapi', 'mydb')
    default:
      throw new InternalError(`no connection facts defined for skill ${JSON.stringify(skill)}`)
  }
}
