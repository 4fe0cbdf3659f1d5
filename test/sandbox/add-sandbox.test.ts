// `dbskills add dsql --sandbox`: the aurora-dsql-sandbox MCP entry beside the real server, the steering line that
// sends the agent there first, a rerun that changes nothing, and a remove that takes both entries away.
import { describe, expect, it } from 'vitest'
import pkg from '../../package.json' with { type: 'json' }
import { runAdd } from '../../src/cli/commands/add.js'
import { runRemove } from '../../src/cli/commands/remove.js'
import { captureIO, project, read, tree } from '../helpers/project.js'

const env = { isTTY: false, home: '/home/you' }

describe('dbskills add dsql --sandbox', () => {
  it('writes aurora-dsql-sandbox next to aurora-dsql, and the rehearse-first line in the steering', async () => {
    const dir = await project()
    await runAdd(['dsql'], { dir, yes: true, agent: ['claude-code,kiro'], sandbox: true, clusterEndpoint: 'abc123.dsql.us-east-1.on.aws' }, captureIO(), env)
    const servers = JSON.parse(await read(`${dir}/.mcp.json`)).mcpServers
    expect(Object.keys(servers)).toEqual(['aurora-dsql', 'aurora-dsql-sandbox'])
    expect(servers['aurora-dsql'].args).not.toContain('--allow-writes')
    expect(servers['aurora-dsql-sandbox']).toEqual({ type: 'stdio', command: 'npx', args: ['-y', `dbskills@${pkg.version}`, 'sandbox', 'dsql', '--allow-writes'], env: {} })
    expect(JSON.parse(await read(`${dir}/.kiro/settings/mcp.json`)).mcpServers['aurora-dsql-sandbox'].command).toBe('npx')
    for (const steering of ['CLAUDE.md', '.kiro/steering/dbskills-dsql.md']) {
      expect(await read(`${dir}/${steering}`)).toMatch(/Rehearsal sandbox: MCP server aurora-dsql-sandbox .*Run every migration and DDL change there first/)
    }

    const again = captureIO()
    await runAdd(['dsql'], { dir, yes: true, agent: ['claude-code,kiro'], sandbox: true, clusterEndpoint: 'abc123.dsql.us-east-1.on.aws' }, again, env)
    expect(again.stdout.join('\n')).toMatch(/Nothing to do/)

    await runRemove(['dsql'], { dir, yes: true }, captureIO(), env)
    expect(await tree(dir)).toEqual([])
  })

  it('without --sandbox writes no sandbox entry and no sandbox line', async () => {
    const dir = await project()
    await runAdd(['dsql'], { dir, yes: true, agent: ['claude-code'] }, captureIO(), env)
    expect(Object.keys(JSON.parse(await read(`${dir}/.mcp.json`)).mcpServers)).toEqual(['aurora-dsql'])
    expect(await read(`${dir}/CLAUDE.md`)).not.toMatch(/sandbox/)
  })
})
