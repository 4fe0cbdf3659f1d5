import { describe, expect, it } from 'vitest'
import semver from 'semver'
import { SERVERS, serverByKey, serverForSkill } from '../../src/mcp/catalog.js'

describe('MCP server catalog', () => {
  it('has the four servers with unique keys, skills and packages', () => {
    expect(SERVERS.map((s) => s.key)).toEqual(['aurora-dsql', 'dynamodb', 'aurora-postgresql', 'aurora-mysql'])
    for (const field of ['key', 'skill', 'package'] as const) expect(new Set(SERVERS.map((s) => s[field])).size).toBe(4)
  })

  it.each(SERVERS.map((s) => [s.key, s] as const))('%s pins an exact version older than the newest seen', (_k, s) => {
    expect(semver.valid(s.version)).toBe(s.version)
    expect(s.version).not.toMatch(/latest/i)
    if (s.newerSeen) expect(semver.lt(s.version, s.newerSeen.version)).toBe(true)
  })

  it.each(SERVERS.map((s) => [s.key, s] as const))('%s flags and tools are well formed and unique', (_k, s) => {
    for (const f of s.flags) expect(f.name).toMatch(/^--[a-z][a-z_-]*$/)
    expect(new Set(s.flags.map((f) => f.name)).size).toBe(s.flags.length)
    expect(new Set(s.tools.map((t) => t.name)).size).toBe(s.tools.length)
    for (const t of s.tools) expect(new Set(t.params).size).toBe(t.params.length)
    expect(s.env).toEqual({ FASTMCP_LOG_LEVEL: 'ERROR' })
    if (s.writeFlag) expect(s.flags.find((f) => f.name === s.writeFlag)?.takesValue).toBe(false)
  })

  it('states the flag shapes that differ between servers (FACTS §0.2, §1)', () => {
    const names = (key: string) => serverByKey(key)!.flags.map((f) => f.name)
    expect(names('aurora-dsql')).toContain('--allow-writes')
    expect(names('dynamodb')).toEqual([])
    for (const k of ['aurora-postgresql', 'aurora-mysql']) {
      expect(names(k)).toEqual(expect.arrayContaining(['--connection_method', '--db_cluster_arn', '--db_type', '--allow_write_query']))
      expect(names(k)).not.toContain('--readonly')
      expect(names(k)).not.toContain('--resource_arn')
    }
    expect(serverByKey('aurora-postgresql')!.flags.find((f) => f.name === '--secret_arn')?.repeatable).toBe(true)
    expect(names('aurora-mysql')).not.toContain('--secret_arn')
  })

  it('names the DSQL tools and parameters agents get wrong', () => {
    const dsql = serverForSkill('dsql')!
    expect(dsql.tools.find((t) => t.name === 'transact')?.params).toEqual(['sql_list', 'params_list'])
    expect(dsql.tools.map((t) => t.name)).not.toContain('execute_sql')
    expect(serverForSkill('nope')).toBeUndefined()
  })
})
