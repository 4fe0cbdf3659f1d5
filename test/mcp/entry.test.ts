import { describe, expect, it } from 'vitest'
import { serverByKey } from '../../src/mcp/catalog.js'
import type { McpServerKey } from '../../src/mcp/catalog.js'
import { clientById, CLIENTS, globalConfigPath } from '../../src/mcp/clients.js'
import type { McpClientId } from '../../src/mcp/clients.js'
import { buildEntry, dockerfile, entryHash } from '../../src/mcp/entry.js'
import type { HostInfo } from '../../src/mcp/entry.js'
import { parseMcpOptions } from '../../src/mcp/options.js'
import type { RawMcpOptions } from '../../src/mcp/options.js'
import { connectionFacts, serverSettings } from '../../src/mcp/resolve.js'
import { renderSnippet } from '../../src/mcp/snippet.js'

const LINUX: HostInfo = { platform: 'linux', home: '/home/dev' }
const entry = (server: McpServerKey, client: McpClientId, raw: RawMcpOptions = {}, host = LINUX) =>
  buildEntry(serverByKey(server)!, parseMcpOptions(raw, { platform: host.platform, servers: [server] }), clientById(client)!, host)
const opts = (raw: RawMcpOptions, server: McpServerKey) => parseMcpOptions(raw, { platform: 'linux', servers: [server] })

describe('clients table', () => {
  it('has unique ids and project paths and the documented top keys', () => {
    expect(new Set(CLIENTS.map((c) => c.id)).size).toBe(6)
    expect(new Set(CLIENTS.map((c) => c.projectPath)).size).toBe(6)
    expect(Object.fromEntries(CLIENTS.map((c) => [c.id, c.topKeyPath.join('.')]))).toEqual({
      kiro: 'mcpServers', 'claude-code': 'mcpServers', cursor: 'mcpServers', vscode: 'servers', codex: 'mcp_servers', gemini: 'mcpServers',
    })
  })
  it.each([
    ['vscode', 'darwin', 'Library/Application Support/Code/User/mcp.json'],
    ['vscode', 'linux', '.config/Code/User/mcp.json'],
    ['claude-code', 'win32', '.claude.json'],
    ['kiro', 'linux', '.kiro/settings/mcp.json'],
  ] as const)('global path of %s on %s', (id, platform, path) => {
    expect(globalConfigPath(clientById(id)!, platform)).toBe(path)
  })
})

describe('buildEntry', () => {
  it('DSQL without a cluster is the documentation-only configuration', () => {
    expect(entry('aurora-dsql', 'kiro')).toEqual({ command: 'uvx', args: ['awslabs.aurora-dsql-mcp-server@1.0.39'], env: { FASTMCP_LOG_LEVEL: 'ERROR' } })
    expect(serverSettings(serverByKey('aurora-dsql')!, opts({}, 'aurora-dsql')).mode).toBe('docs-only')
  })

  it('DSQL derives region from the endpoint and defaults the user to admin', () => {
    expect(entry('aurora-dsql', 'cursor', { clusterEndpoint: 'c1.dsql.eu-west-1.on.aws' }).args).toEqual([
      'awslabs.aurora-dsql-mcp-server@1.0.39', '--cluster_endpoint', 'c1.dsql.eu-west-1.on.aws', '--database_user', 'admin', '--region', 'eu-west-1',
    ])
  })

  it.each([
    ['aurora-dsql', '--allow-writes'],
    ['aurora-postgresql', '--allow_write_query'],
    ['aurora-mysql', '--allow_write_query'],
  ] as const)('%s is read-only unless writes are allowed (%s)', (server, flag) => {
    expect(entry(server, 'kiro').args).not.toContain(flag)
    expect(entry(server, 'kiro', { allowWrites: true }).args).toContain(flag)
  })

  it('PostgreSQL with a cluster ARN connects at startup (db_type) with RDS_API and database postgres by default', () => {
    expect(entry('aurora-postgresql', 'claude-code', { clusterArn: 'arn:aws:rds:us-east-2:123456789012:cluster:pg1', port: 5433 }).args.slice(1)).toEqual([
      '--connection_method', 'RDS_API', '--db_cluster_arn', 'arn:aws:rds:us-east-2:123456789012:cluster:pg1', '--db_type', 'APG',
      '--region', 'us-east-2', '--database', 'postgres', '--port', '5433',
    ])
  })

  it('MySQL with a cluster ARN and no database writes no --database', () => {
    const args = entry('aurora-mysql', 'gemini', { clusterArn: 'arn:aws:rds:us-east-2:123456789012:cluster:m1' }).args
    expect(args).toContain('aurora-mysql')
    expect(args).not.toContain('--database')
  })

  it('DynamoDB gets its region through AWS_REGION (it has no flags)', () => {
    expect(entry('dynamodb', 'kiro', { region: 'ap-south-1', profile: 'p' })).toEqual({
      command: 'uvx', args: ['awslabs.dynamodb-mcp-server@2.1.6'], env: { FASTMCP_LOG_LEVEL: 'ERROR', AWS_PROFILE: 'p', AWS_REGION: 'ap-south-1' },
    })
  })

  it.each([
    ['kiro', '${AWS_ACCESS_KEY_ID}', '${AWS_SESSION_TOKEN}'],
    ['claude-code', '${AWS_ACCESS_KEY_ID}', '${AWS_SESSION_TOKEN:-}'],
    ['cursor', '${env:AWS_ACCESS_KEY_ID}', '${env:AWS_SESSION_TOKEN}'],
    ['vscode', '${env:AWS_ACCESS_KEY_ID}', '${env:AWS_SESSION_TOKEN}'],
    ['gemini', '${AWS_ACCESS_KEY_ID}', '${AWS_SESSION_TOKEN}'],
  ] as const)('--auth env references credentials in %s syntax', (client, key, token) => {
    const e = entry('aurora-dsql', client, { auth: 'env' })
    expect(e.env.AWS_ACCESS_KEY_ID).toBe(key)
    expect(e.env.AWS_SESSION_TOKEN).toBe(token)
    expect(e).not.toHaveProperty('env_vars')
  })

  it('Codex forwards credentials by name (env_vars), with no type field and a startup timeout', () => {
    const e = entry('aurora-dsql', 'codex', { auth: 'env' })
    expect(e.env_vars).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION'])
    expect(e.env).toEqual({ FASTMCP_LOG_LEVEL: 'ERROR' })
    expect(e).not.toHaveProperty('type')
    expect(e.startup_timeout_sec).toBe(120)
  })

  // Codex passes a server only HOME, PATH and what the entry names; Gemini CLI drops *KEY*/*TOKEN*/*SECRET*.
  // With the default --auth profile the shell's credentials must still arrive, as they do in Claude Code.
  it.each([
    ['codex', { env_vars: ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] }],
    ['gemini', { env: { FASTMCP_LOG_LEVEL: 'ERROR', AWS_ACCESS_KEY_ID: '${AWS_ACCESS_KEY_ID}', AWS_SECRET_ACCESS_KEY: '${AWS_SECRET_ACCESS_KEY}', AWS_SESSION_TOKEN: '${AWS_SESSION_TOKEN}' } }],
    ['claude-code', { env: { FASTMCP_LOG_LEVEL: 'ERROR' } }],
  ] as const)('shell credentials reach the server under %s with the default auth', (client, want) => {
    const e = entry('aurora-dsql', client, {})
    expect(e).toMatchObject(want)
    if (client !== 'codex') expect(e).not.toHaveProperty('env_vars')
  })

  it('a profile given on the command line is a value, not forwarded (Codex forwards the rest)', () => {
    const e = entry('aurora-dsql', 'codex', { profile: 'dev' })
    expect(e.env.AWS_PROFILE).toBe('dev')
    expect(e.env_vars).not.toContain('AWS_PROFILE')
  })

  it.each([
    ['claude-code', LINUX, '${HOME}/.aws:/app/.aws:ro'],
    ['claude-code', { platform: 'win32', home: 'C:\\Users\\dev' }, '${USERPROFILE}\\.aws:/app/.aws:ro'],
    ['cursor', LINUX, '${userHome}/.aws:/app/.aws:ro'],
    ['gemini', LINUX, '${HOME}/.aws:/app/.aws:ro'],
    ['kiro', LINUX, '/home/dev/.aws:/app/.aws:ro'],
    ['codex', { platform: 'darwin', home: '/Users/dev' }, '/Users/dev/.aws:/app/.aws:ro'],
  ] as const)('docker --auth profile mounts ~/.aws for %s', (client, host, mount) => {
    const e = entry('aurora-dsql', client, { runtime: 'docker', profile: 'dev' }, host)
    expect(e.args.slice(0, 7)).toEqual(['run', '--rm', '-i', '--pull', 'never', '-v', mount])
    expect(e.args).toEqual(expect.arrayContaining(['-e', 'AWS_PROFILE']))
    expect(e.env.AWS_PROFILE).toBe('dev')
  })

  it('docker --auth env passes bare -e for each credential and mounts nothing', () => {
    const e = entry('aurora-postgresql', 'kiro', { runtime: 'docker', auth: 'env' })
    expect(e.args).not.toContain('-v')
    expect(e.args.join(' ')).toContain('-e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN awslabs/postgres-mcp-server:1.1.11')
  })

  it('uv-windows runs the .exe through uv tool run', () => {
    expect(entry('aurora-mysql', 'vscode', {}, { platform: 'win32', home: 'C:\\u' })).toMatchObject({
      type: 'stdio', command: 'uv', args: ['tool', 'run', '--from', 'awslabs.mysql-mcp-server@1.0.26', 'awslabs.mysql-mcp-server.exe'],
    })
  })

  it('the Dockerfile installs exactly the pinned version and runs as the upstream images\' user app (home /app)', () => {
    const text = dockerfile(serverByKey('dynamodb')!)
    expect(text).toContain('pip install --no-cache-dir awslabs.dynamodb-mcp-server==2.1.6')
    expect(text).toMatch(/useradd --create-home --home-dir \/app app\nUSER app\n/)
  })
})

describe('entryHash', () => {
  it('ignores key order, not values or array order', () => {
    const a = { command: 'uvx', args: ['a', 'b'], env: { X: '1', Y: '2' } }
    expect(entryHash({ env: { Y: '2', X: '1' }, args: ['a', 'b'], command: 'uvx' })).toBe(entryHash(a))
    expect(entryHash({ ...a, args: ['b', 'a'] })).not.toBe(entryHash(a))
    expect(entryHash({ ...a, env: { X: '1', Y: '3' } })).not.toBe(entryHash(a))
    expect(entryHash(a)).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('connection facts for steering', () => {
  const facts = (server: McpServerKey, raw: RawMcpOptions) =>
    Object.fromEntries(connectionFacts(serverByKey(server)!, opts(raw, server)).map((f) => [f.label, f.value ?? f.placeholder]))

  it('DSQL: derived region and default admin user; placeholders when no cluster', () => {
    expect(facts('aurora-dsql', { clusterEndpoint: 'c1.dsql.eu-west-1.on.aws' })).toMatchObject({ 'Cluster endpoint': 'c1.dsql.eu-west-1.on.aws', 'AWS region': 'eu-west-1', 'Database user': 'admin' })
    expect(facts('aurora-dsql', {})['Cluster endpoint']).toMatch(/^<DSQL cluster endpoint: fill in/)
  })
  it('PostgreSQL: ARN region, RDS_API and postgres defaults', () => {
    expect(facts('aurora-postgresql', { clusterArn: 'arn:aws:rds:us-east-2:123456789012:cluster:pg1' })).toMatchObject({
      'Cluster ARN': 'arn:aws:rds:us-east-2:123456789012:cluster:pg1', 'AWS region': 'us-east-2', Database: 'postgres', 'Connection method': 'RDS_API',
    })
  })
  it('DynamoDB: region and profile', () => {
    expect(facts('dynamodb', { region: 'us-west-1', profile: 'ddb' })).toMatchObject({ 'AWS region': 'us-west-1', 'AWS credentials': 'AWS profile ddb' })
  })
})

describe('renderSnippet notes', () => {
  const notes = (server: McpServerKey, client: McpClientId, raw: RawMcpOptions = {}) =>
    renderSnippet(serverByKey(server)!, opts(raw, server), clientById(client)!, LINUX).notes.join('\n')
  it.each([
    ['aurora-dsql', 'claude-code', {}, /approve.*claude mcp list/s],
    ['aurora-dsql', 'codex', {}, /trusted projects/],
    ['aurora-dsql', 'gemini', {}, /trust this folder/],
    ['aurora-dsql', 'kiro', {}, /documentation and dsql_lint tools only/],
    ['aurora-postgresql', 'kiro', {}, /connect_to_database/],
    ['aurora-mysql', 'kiro', {}, /Read-only.*--allow_write_query/],
    ['dynamodb', 'kiro', { allowWrites: true }, /--allow-writes has no effect/],
    ['aurora-dsql', 'kiro', { runtime: 'docker' }, /No published image.*docker build -t awslabs\/aurora-dsql-mcp-server:1\.0\.39/s],
    ['aurora-dsql', 'codex', { auth: 'env' }, /env_vars forwards them/],
    ['aurora-dsql', 'kiro', {}, /1\.1\.4 was on PyPI.*not verified/],
  ] as const)('%s in %s: %s', (server, client, raw, pattern) => {
    expect(notes(server, client, raw as RawMcpOptions)).toMatch(pattern)
  })
})

describe('writerFor', () => {
  it('picks the writer from the client format and every writer round-trips a new file', async () => {
    const { writerFor } = await import('../../src/writers/config-writer.js')
    for (const client of CLIENTS) {
      const w = await writerFor(client)
      const e = entry('aurora-dsql', client.id)
      const u = w.upsertServer(undefined, client.topKeyPath, 'aurora-dsql', e)
      expect(w.check(u.content, client.topKeyPath)).toBeUndefined()
      expect(w.readServer(u.content, client.topKeyPath, 'aurora-dsql')).toEqual(e)
      expect(w.removeServer(u.content, client.topKeyPath, 'aurora-dsql', { created: u.created }).empty).toBe(true)
      expect(w.check(client.format === 'toml' ? 'x = [' : '{', client.topKeyPath)?.line).toBe(1)
    }
  })
})
