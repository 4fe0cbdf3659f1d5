import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/core/errors.js'
import type { McpServerKey } from '../../src/mcp/catalog.js'
import { checkMcpOptions, parseMcpOptions } from '../../src/mcp/options.js'
import type { RawMcpOptions } from '../../src/mcp/options.js'

const ok = (raw: RawMcpOptions, servers?: McpServerKey[], platform: NodeJS.Platform = 'linux') =>
  parseMcpOptions(raw, servers ? { platform, servers } : { platform })
const problems = (raw: RawMcpOptions, servers?: McpServerKey[]) =>
  checkMcpOptions(raw, servers ? { platform: 'linux', servers } : { platform: 'linux' }).issues.map((i) => i.message)

const EP = 'abc123def456.dsql.us-west-2.on.aws'
const ARN = 'arn:aws:rds:eu-central-1:123456789012:cluster:orders'

describe('parseMcpOptions: accepted values', () => {
  it.each<[string, RawMcpOptions, McpServerKey[] | undefined, Partial<ReturnType<typeof ok>>]>([
    ['defaults on linux', {}, undefined, { runtime: 'uvx', auth: 'profile', allowWrites: false }],
    ['dsql endpoint, upper case host normalised', { clusterEndpoint: EP.toUpperCase() }, ['aurora-dsql'], { clusterEndpoint: EP }],
    ['dsql endpoint with agreeing region', { clusterEndpoint: EP, region: 'us-west-2' }, ['aurora-dsql'], { region: 'us-west-2' }],
    ['gov-cloud region', { region: 'us-gov-west-1' }, ['dynamodb'], { region: 'us-gov-west-1' }],
    ['pg method alias pgwire_iam', { clusterArn: ARN, connectionMethod: 'pgwire_iam', dbEndpoint: 'db-1.abc.eu-central-1.rds.amazonaws.com' }, ['aurora-postgresql'], { connectionMethod: 'PG_WIRE_IAM_PROTOCOL' }],
    ['mysql db type any case', { clusterArn: ARN, dbType: 'Aurora-MySQL' }, ['aurora-mysql'], { dbType: 'aurora-mysql' }],
    ['pg db type apg', { clusterArn: ARN, dbType: 'apg' }, ['aurora-postgresql'], { dbType: 'APG' }],
    ['port as string', { clusterArn: ARN, port: '6543' }, ['aurora-postgresql'], { port: 6543 }],
    ['docker with env auth', { runtime: 'docker', auth: 'env' }, ['aurora-dsql'], { runtime: 'docker', auth: 'env' }],
    ['allow writes', { allowWrites: true }, ['aurora-dsql'], { allowWrites: true }],
    ['profile name with dots and @', { profile: 'team.dev@sso' }, ['dynamodb'], { profile: 'team.dev@sso' }],
    ['multi-server add shares region', { region: 'us-east-1', clusterEndpoint: 'x1.dsql.us-east-1.on.aws' }, ['aurora-dsql', 'dynamodb'], { region: 'us-east-1' }],
  ])('%s', (_name, raw, servers, expected) => {
    expect(ok(raw, servers)).toMatchObject(expected)
  })

  it('defaults the runtime to uv-windows on win32 only (platform passed in)', () => {
    expect(ok({}, undefined, 'win32').runtime).toBe('uv-windows')
    expect(ok({}, undefined, 'darwin').runtime).toBe('uvx')
    expect(ok({ runtime: 'uvx' }, undefined, 'win32').runtime).toBe('uvx')
  })
})

describe('parseMcpOptions: each bad value is named with its expected shape', () => {
  it.each<[string, RawMcpOptions, McpServerKey[] | undefined, RegExp]>([
    ['unknown runtime', { runtime: 'pipx' }, undefined, /--runtime must be uvx, docker or uv-windows \(got "pipx"\)/],
    ['unknown auth', { auth: 'sso' }, undefined, /--auth must be profile or env/],
    ['region shape', { region: 'US-West-2' }, undefined, /--region must be an AWS Region such as us-west-2/],
    ['region typo', { region: 'uswest2' }, undefined, /--region must be an AWS Region/],
    ['endpoint shape', { clusterEndpoint: 'abc.dsql.amazonaws.com' }, undefined, /--cluster-endpoint must look like <cluster-id>\.dsql\.<region>\.on\.aws/],
    ['endpoint vs region', { clusterEndpoint: EP, region: 'us-east-1' }, undefined, /--region is us-east-1 but --cluster-endpoint is in us-west-2/],
    ['user without endpoint', { databaseUser: 'admin' }, ['aurora-dsql'], /--database-user needs --cluster-endpoint/],
    ['user shape', { clusterEndpoint: EP, databaseUser: 'bad user' }, undefined, /--database-user must be a database role name/],
    ['arn shape', { clusterArn: 'arn:aws:rds:us-east-1:123:db:x' }, undefined, /--cluster-arn must look like arn:aws:rds:<region>:<12-digit account>:cluster:<name>/],
    ['arn vs region', { clusterArn: ARN, region: 'us-east-1' }, undefined, /--region is us-east-1 but --cluster-arn is in eu-central-1/],
    ['port zero', { clusterArn: ARN, port: 0 }, undefined, /--port must be a whole number from 1 to 65535 \(got "0"\)/],
    ['port too big', { clusterArn: ARN, port: '70000' }, undefined, /--port must be a whole number from 1 to 65535/],
    ['port not a number', { clusterArn: ARN, port: '54a' }, undefined, /--port must be a whole number/],
    ['method for the wrong engine', { clusterArn: ARN, connectionMethod: 'PG_WIRE_PROTOCOL' }, ['aurora-mysql'], /--connection-method must be one of RDS_API, MYSQL_WIRE_PROTOCOL, MYSQL_WIRE_IAM_PROTOCOL/],
    ['wire method without endpoint', { clusterArn: ARN, connectionMethod: 'PG_WIRE_PROTOCOL' }, ['aurora-postgresql'], /--db-endpoint is required with --connection-method PG_WIRE_PROTOCOL/],
    ['db type for the wrong engine', { clusterArn: ARN, dbType: 'mariadb' }, ['aurora-postgresql'], /--db-type must be one of APG, RPG/],
    ['data api on plain mysql', { clusterArn: ARN, dbType: 'mysql', connectionMethod: 'RDS_API' }, ['aurora-mysql'], /RDS_API \(the Data API\) only works with --db-type aurora-mysql/],
    ['iam on mariadb', { clusterArn: ARN, dbType: 'mariadb', connectionMethod: 'mysqlwire_iam', dbEndpoint: 'm.example.com' }, ['aurora-mysql'], /MYSQL_WIRE_IAM_PROTOCOL does not support --db-type mariadb/],
    ['rds flags need an arn', { database: 'orders' }, ['aurora-postgresql'], /--database needs --cluster-arn/],
    ['flag for another server', { clusterEndpoint: EP }, ['dynamodb'], /--cluster-endpoint does not apply to dynamodb \(it is for aurora-dsql\)/],
    ['profile with env auth', { auth: 'env', profile: 'dev' }, undefined, /--profile only applies with --auth profile/],
    ['empty value', { region: '' }, undefined, /--region is empty/],
    ['host name shape', { clusterArn: ARN, dbEndpoint: 'not a host' }, ['aurora-postgresql'], /--db-endpoint must be a host name/],
  ])('%s', (_name, raw, servers, message) => {
    expect(problems(raw, servers).join('\n')).toMatch(message)
  })

  it('collects every problem into one UsageError (exit 2) with details', () => {
    let err: unknown
    try {
      ok({ runtime: 'npx', region: 'mars-1', clusterEndpoint: 'nope', port: '0' }, ['aurora-dsql'])
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(UsageError)
    const usage = err as UsageError
    expect(usage.exitCode).toBe(2)
    const flags = (usage.details as { flag: string }[]).map((d) => d.flag)
    expect(flags).toEqual(expect.arrayContaining(['--runtime', '--region', '--cluster-endpoint', '--port']))
    for (const flag of ['--runtime', '--region', '--cluster-endpoint', '--port']) expect(usage.message).toContain(flag)
  })
})

describe('secrets are refused with the environment-variable alternative', () => {
  it.each<[string, RawMcpOptions, RegExp]>([
    ['long-term access key id as profile', { profile: 'AKIAIOSFODNN7EXAMPLE' }, /--profile looks like an AWS access key id.*AWS_ACCESS_KEY_ID.*--auth env/],
    ['temporary access key id inside a value', { database: 'x-ASIAJ2B3C4D5E6F7G8H9' }, /--database looks like an AWS access key id/],
    ['secret access key', { profile: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, /--profile looks like an AWS secret access key.*AWS_SECRET_ACCESS_KEY/],
    ['password string', { databaseUser: 'admin;password=hunter2' }, /--database-user looks like a password.*Secrets Manager/],
    ['password with colon', { dbEndpoint: 'Password: hunter2' }, /--db-endpoint looks like a password/],
  ])('%s', (_name, raw, message) => {
    const issues = problems(raw)
    expect(issues.join('\n')).toMatch(message)
    // The secret itself is never echoed back.
    for (const value of Object.values(raw)) expect(issues.join('\n')).not.toContain(String(value))
  })

  it.each([
    ['a DSQL endpoint', { clusterEndpoint: 'abcdefghijklmnopqrstuvwxyz.dsql.us-west-2.on.aws' }],
    ['a 40-letter lower-case database name', { clusterArn: ARN, database: 'a'.repeat(40) }],
    ['a cluster ARN', { clusterArn: ARN }],
  ])('does not refuse %s', (_name, raw) => {
    expect(problems(raw as RawMcpOptions)).toEqual([])
  })
})
