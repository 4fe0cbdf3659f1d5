// The pure half of `doctor --live`: documented tools vs what a server listed, the version a launch runs, and how
// a client config entry becomes a launch. One line per case.
import { describe, expect, it } from 'vitest'
import { compareTools, describeDrift, launchedVersion } from '../../src/doctor/tool-drift.js'
import { expandRefs, resolveLaunch } from '../../src/doctor/live.js'
import type { ToolsDoc } from '../../src/knowledge/tools-doc.js'
import type { LiveTool } from '../../src/mcp/live-client.js'

const DOC: ToolsDoc = {
  server: 'aurora-dsql', package: 'awslabs.aurora-dsql-mcp-server', version: '1.0.39', checked: '2026-12-02',
  tools: [
    { name: 'readonly_query', params: ['sql', 'params'], required: ['sql'] },
    { name: 'transact', params: ['sql_list', 'params_list'], required: ['sql_list'] },
    { name: 'get_schema', params: ['table_name'], required: ['table_name'] },
  ],
}
const SAME: LiveTool[] = DOC.tools.map((t) => ({ ...t }))
const change = (name: string, f: (t: LiveTool) => LiveTool | undefined): LiveTool[] => SAME.flatMap((t) => (t.name === name ? (f(t) ? [f(t)!] : []) : [t]))
const kinds = (tools: LiveTool[], extra: { configuredVersion?: string; version?: string; versionFrom?: 'package' | 'mcp-sdk' } = {}) =>
  compareTools({ ...DOC, ...(extra.versionFrom ? { serverInfo: { name: 'x', versionFrom: extra.versionFrom } } : {}) }, {
    serverInfo: extra.version ? { version: extra.version } : {}, tools, configuredVersion: 'configuredVersion' in extra ? extra.configuredVersion : '1.0.39',
  }).map(describeDrift)

describe('compareTools', () => {
  it.each([
    ['identical', SAME, {}, []],
    ['order does not matter', [...SAME].reverse(), {}, []],
    ['renamed tool', change('transact', (t) => ({ ...t, name: 'execute_transaction' })), {}, ['tool transact is now called execute_transaction']],
    ['renamed tool with a changed param', change('transact', (t) => ({ ...t, name: 'txn', params: ['statements', 'params_list'] })), {}, ['tool transact is documented but the server does not offer it', 'new tool txn, not in the skill']],
    ['missing tool', change('get_schema', () => undefined), {}, ['tool get_schema is documented but the server does not offer it']],
    ['new tool', [...SAME, { name: 'list_tables', params: [] as string[], required: [] as string[] }], {}, ['new tool list_tables, not in the skill']],
    ['new optional param', change('readonly_query', (t) => ({ ...t, params: [...t.params, 'timeout'] })), {}, ['tool readonly_query has a new optional parameter timeout']],
    ['new required param', change('readonly_query', (t) => ({ ...t, params: [...t.params, 'db'], required: [...t.required, 'db'] })), {}, ['tool readonly_query has a new required parameter db']],
    ['removed param', change('transact', (t) => ({ ...t, params: ['sql_list'] })), {}, ['tool transact no longer takes parameter params_list']],
    ['newly required', change('transact', (t) => ({ ...t, required: ['sql_list', 'params_list'] })), {}, ['tool transact: parameter params_list is now required']],
    ['now optional', change('get_schema', (t) => ({ ...t, required: [] })), {}, ['tool get_schema: parameter table_name is now optional']],
    ['config launches a newer version', SAME, { configuredVersion: '1.1.4' }, ['the config launches version 1.1.4, newer than 1.0.39, the version the skill documents']],
    ['config launches an older version', SAME, { configuredVersion: '1.0.9' }, ['the config launches version 1.0.9, older than 1.0.39, the version the skill documents']],
    ['config does not pin', SAME, { configuredVersion: 'unpinned' }, ['the config does not pin a version (the skill documents 1.0.39); whatever the launcher fetches today runs']],
    ['launch does not name the package', SAME, { configuredVersion: undefined }, []],
    ['serverInfo is the package version, newer', SAME, { version: '1.1.0', versionFrom: 'package' }, ['the server reports version 1.1.0, newer than 1.0.39, the version the skill documents']],
    ['no serverInfo note in tools.json: treated as the package version', SAME, { version: '1.1.0' }, ['the server reports version 1.1.0, newer than 1.0.39, the version the skill documents']],
    ['serverInfo is the SDK version: not compared', SAME, { version: '1.26.0', versionFrom: 'mcp-sdk' }, []],
    ['serverInfo version that is not x.y.z: not compared', SAME, { version: 'dev', versionFrom: 'package' }, []],
  ] as const)('%s', (_label, tools, extra, want) => {
    expect(kinds([...tools], extra)).toEqual(want)
  })
})

describe('launchedVersion', () => {
  const pkg = 'awslabs.aurora-dsql-mcp-server'
  it.each([
    [['awslabs.aurora-dsql-mcp-server@1.0.39', '--region', 'x'], '1.0.39'],
    [['tool', 'run', '--from', 'awslabs.aurora-dsql-mcp-server@1.0.39', 'awslabs.aurora-dsql-mcp-server.exe'], '1.0.39'],
    [['run', '--rm', '-i', 'awslabs/aurora-dsql-mcp-server:1.0.39'], '1.0.39'],
    [['awslabs.aurora-dsql-mcp-server==1.1.4'], '1.1.4'],
    [['awslabs.aurora-dsql-mcp-server@latest'], 'unpinned'],
    [['awslabs.aurora-dsql-mcp-server'], 'unpinned'],
    [['run', 'awslabs/aurora-dsql-mcp-server:latest'], 'unpinned'],
    [['/opt/server.py', '--region', 'x'], undefined],
  ] as const)('%j -> %s', (args, want) => {
    expect(launchedVersion(pkg, args)).toBe(want)
  })
})

describe('a config entry becomes a launch', () => {
  const env = { PATH: '/bin', AWS_PROFILE: 'dev', AWS_SESSION_TOKEN: '' }
  it.each([
    ['${AWS_PROFILE}', 'dev', []],
    ['${env:AWS_PROFILE}', 'dev', []],
    ['${AWS_SESSION_TOKEN:-}', '', []],
    ['${MISSING:-fallback}', 'fallback', []],
    ['${MISSING}', '', ['MISSING']],
    ['${env:MISSING}', '', ['MISSING']],
    ['${userHome}/.aws', '/home/you/.aws', []],
    ['plain', 'plain', []],
  ] as const)('%s', (text, value, unset) => {
    const u = new Set<string>()
    expect(expandRefs(text, env, '/home/you', u)).toBe(value)
    expect([...u]).toEqual(unset)
  })

  it('merges the entry env over the current environment, resolves args and command, and keeps values out of `unset`', () => {
    const r = resolveLaunch({ command: 'uvx', args: ['pkg@1.0.0', '--profile', '${AWS_PROFILE}'], env: { FASTMCP_LOG_LEVEL: 'ERROR', AWS_PROFILE: '${AWS_PROFILE}', T: '${NOPE}' } }, env, '/home/you', '/proj')
    expect(r).toEqual({
      launch: { command: 'uvx', args: ['pkg@1.0.0', '--profile', 'dev'], env: { PATH: '/bin', AWS_PROFILE: 'dev', AWS_SESSION_TOKEN: '', FASTMCP_LOG_LEVEL: 'ERROR', T: '' }, cwd: '/proj' },
      unset: ['NOPE'],
    })
  })

  it.each([[{ url: 'https://x' }], [{ command: '' }], [null], ['uvx']])('refuses %j (not a stdio server)', (entry) => {
    expect(resolveLaunch(entry, env, '/h', '/p')).toEqual({ error: 'the entry has no command (not a stdio server)' })
  })
})
