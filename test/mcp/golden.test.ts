/**
 * Golden files: the `dbskills mcp` text for every client × server × runtime (plus Docker with --auth env).
 * UPDATE_GOLDEN=1 rewrites them; otherwise any difference fails. Each snippet is also checked for meaning, so a
 * blindly regenerated golden still has to be a valid, pinned, read-only, secret-free config.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseToml } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import type { McpServerKey } from '../../src/mcp/catalog.js'
import { CLIENTS } from '../../src/mcp/clients.js'
import type { HostInfo } from '../../src/mcp/entry.js'
import { parseMcpOptions } from '../../src/mcp/options.js'
import type { RawMcpOptions } from '../../src/mcp/options.js'
import { findSecret } from '../../src/mcp/secrets.js'
import { renderSnippet } from '../../src/mcp/snippet.js'
import { readServer as readJson } from '../../src/writers/mcp-json.js'
import { readServer as readToml } from '../../src/writers/mcp-toml.js'

const UPDATE = process.env.UPDATE_GOLDEN === '1'
const ROOT = fileURLToPath(new URL('../golden/mcp/', import.meta.url))
const LINUX: HostInfo = { platform: 'linux', home: '/home/dev' }
const WINDOWS: HostInfo = { platform: 'win32', home: 'C:\\Users\\dev' }

const CLUSTER: Record<McpServerKey, RawMcpOptions> = {
  'aurora-dsql': { clusterEndpoint: 'abcdefghijklmnopqrstuvwxyz.dsql.us-west-2.on.aws', databaseUser: 'app_reader' },
  dynamodb: { region: 'eu-west-1' },
  'aurora-postgresql': { clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:orders-pg', database: 'orders' },
  'aurora-mysql': {
    clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:crm',
    database: 'crm',
    connectionMethod: 'mysqlwire_iam',
    dbEndpoint: 'crm-1.abc123.us-east-1.rds.amazonaws.com',
  },
}
const VARIANTS: { name: string; raw: RawMcpOptions; host: HostInfo }[] = [
  { name: 'uvx', raw: { runtime: 'uvx', profile: 'dev' }, host: LINUX },
  { name: 'uv-windows', raw: { runtime: 'uv-windows', profile: 'dev' }, host: WINDOWS },
  { name: 'docker', raw: { runtime: 'docker', profile: 'dev' }, host: LINUX },
  { name: 'docker-env', raw: { runtime: 'docker', auth: 'env' }, host: LINUX },
]

const cases = CLIENTS.flatMap((client) => SERVERS.flatMap((server) => VARIANTS.map((variant) => ({ client, server, variant }))))
const fileOf = (c: (typeof cases)[number]) => `${c.client.id}/${c.server.key}-${c.variant.name}.${c.client.format}`

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

describe('MCP golden snippets', () => {
  it.each(cases.map((c) => [fileOf(c), c] as const))('%s', (file, { client, server, variant }) => {
    const options = parseMcpOptions({ ...variant.raw, ...CLUSTER[server.key] }, { platform: variant.host.platform, servers: [server.key] })
    const { text, entry } = renderSnippet(server, options, client, variant.host)
    const path = join(ROOT, file)
    if (UPDATE) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
    expect(text).toBe(readFileSync(path, 'utf8'))

    const parsed = client.format === 'toml' ? parseToml(text) : JSON.parse(text)
    let node: unknown = parsed
    for (const key of [...client.topKeyPath, server.key]) node = (node as Record<string, unknown>)[key]
    expect(JSON.parse(JSON.stringify(node))).toEqual(entry)
    expect(client.format === 'toml' ? readToml(text, client.topKeyPath, server.key) : readJson(text, client.topKeyPath, server.key)).toEqual(entry)
    const args = entry.args.join(' ')
    expect(args).toContain(variant.name.startsWith('docker') ? `:${server.version}` : `${server.package}@${server.version}`)
    expect(args).not.toMatch(/latest|--allow-writes|--allow_write_query/)
    expect(entry.env.FASTMCP_LOG_LEVEL).toBe('ERROR')
    for (const s of strings(entry)) expect(findSecret(s)).toBeUndefined()
    if (client.stdioType) expect(entry.type).toBe('stdio')
    else expect(entry).not.toHaveProperty('type')
  })

  it('has no stale golden files', () => {
    const expected = new Set(cases.map(fileOf))
    const onDisk = readdirSync(ROOT, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(ROOT.length).replaceAll('\\', '/'))
    expect(onDisk.filter((f) => !expected.has(f))).toEqual([])
    expect(onDisk.length).toBe(cases.length)
  })
})
