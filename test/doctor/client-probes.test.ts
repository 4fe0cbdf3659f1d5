import { describe, expect, it } from 'vitest'
import { CLIENT_PROBES, codexServers, copilotInstructions, copilotServers, promptSkills, skillLines, statusLines } from '../../src/doctor/client-probes.js'
import { compare, expected, probeClients, type CommandRunner } from '../../src/doctor/clients.js'
import type { InstallRecord } from '../../src/install/record.js'

// Output shapes as the real CLIs print them (Claude Code 2.1.328, Codex 0.169.0, Gemini CLI 0.61.0, Copilot CLI
// 1.0.102, Qwen Code 0.24.4), trimmed; test/clients/*.slow.test.ts runs the CLIs themselves.
describe('client output parsers', () => {
  it.each([
    ['claude', 'aurora-dsql: uvx awslabs.aurora-dsql-mcp-server@1.0.39 --region us-west-2 - ✔ Connected\ndynamodb: uvx x - ⏸ Pending approval', [['aurora-dsql', true], ['dynamodb', false]]],
    ['gemini', '✓ aurora-dsql: uvx a (stdio) - Connected\n✗ dynamodb: uvx b (stdio) - Disconnected', [['aurora-dsql', true], ['dynamodb', false]]],
    ['qwen', '\x1b[33m●\x1b[0m aurora-dsql: uvx a (stdio) - Pending approval', [['aurora-dsql', false]]],
  ])('%s mcp list', (_, out, want) => {
    expect(statusLines(/Connected/)(out).map((s) => [s.name, s.ok])).toEqual(want)
  })

  it('codex mcp list --json, with a warning line around it', () => {
    const out = 'WARNING: x\n[{"name":"aurora-dsql","enabled":true,"disabled_reason":null},{"name":"b","enabled":false,"disabled_reason":"off"}]\nWARNING: y'
    expect(codexServers(out).map((s) => `${s.name} ${s.ok}`)).toEqual(['aurora-dsql true', 'b false'])
  })

  it('codex debug prompt-input skills (escaped JSON text) and copilot listings', () => {
    expect(promptSkills('"text":"## Skills\\n- dsql: Current rules\\n- dynamodb: Design"').map((s) => s.name)).toEqual(['dsql', 'dynamodb'])
    expect(skillLines('Project skills:\n  dsql - Current rules\n\nBuiltin skills:\n  other - x').map((s) => s.name)).toEqual(['dsql', 'other'])
    expect(skillLines('dsql [Enabled]\n  Description: x\ndynamodb [Disabled]').map((s) => `${s.name} ${s.ok}`)).toEqual(['dsql true', 'dynamodb false'])
    expect(copilotServers('Workspace servers:\n  aurora-dsql (local)\n').map((s) => s.name)).toEqual(['aurora-dsql'])
    expect(copilotInstructions('Repository instructions:\n  • AGENTS.md + GEMINI.md\n      from AGENTS.md + GEMINI.md\n').map((s) => s.name)).toEqual(['AGENTS.md', 'GEMINI.md'])
  })
})

const record: InstallRecord = {
  version: 1, createdFiles: [], createdDirs: [], createdKeys: {},
  skills: {
    dsql: {
      version: '1', hash: 'h', link: 'auto', agents: ['codex'], locations: [],
      steering: [{ path: 'AGENTS.md', kind: 'block', hash: 'x' }], mcp: [{ path: '.codex/config.toml', client: 'codex', key: 'aurora-dsql', hash: 'y' }],
    },
  },
} as unknown as InstallRecord

describe('doctor --clients', () => {
  const codex = CLIENT_PROBES.find((p) => p.bin === 'codex')!
  it('expects what the record wrote for that client', () => {
    expect(expected(record, codex)).toEqual({ skill: ['dsql'], steering: ['AGENTS.md'], mcp: ['aurora-dsql'] })
  })

  it('not seen comes with the exact way to trust the folder; seen with the client line', () => {
    const items = compare(codex, expected(record, codex), { skill: [{ name: 'dsql', ok: true, line: '- dsql: …' }], steering: [], mcp: [] }, '/p')
    expect(items.map((i) => `${i.layer} ${i.name} ${i.status}`)).toEqual(['skill dsql seen', 'steering AGENTS.md not seen', 'mcp aurora-dsql not seen'])
    expect(items[2]!.fix).toContain('[projects."/p"] trust_level = "trusted"')
  })

  it('asks only CLIs on PATH, with the probes\' read-only commands, and reports a timeout as not checked', async () => {
    const calls: string[] = []
    const run: CommandRunner = async (bin, args) => {
      calls.push(`${bin} ${args.join(' ')}`)
      if (args[0] === '--version') return { output: 'codex-cli 0.169.0\n', timedOut: false }
      if (args[0] === 'debug') return { output: '', timedOut: true }
      return { output: '[{"name":"aurora-dsql","enabled":true,"disabled_reason":null}]', timedOut: false }
    }
    const { mkdtemp, writeFile, chmod } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const bin = await mkdtemp(join(tmpdir(), 'dbskills-bin-'))
    await writeFile(join(bin, 'codex'), '#!/bin/sh\n')
    await chmod(join(bin, 'codex'), 0o755)
    const reports = await probeClients(record, { base: '/p', env: { PATH: bin }, platform: 'linux' }, run)
    expect(reports.map((r) => r.client)).toEqual(['Codex'])
    expect(reports[0]!.version).toBe('codex-cli 0.169.0')
    expect(calls).toEqual(['codex --version', 'codex mcp list --json', 'codex debug prompt-input'])
    expect(reports[0]!.items.map((i) => `${i.name} ${i.status}`)).toEqual(['dsql not checked', 'AGENTS.md not checked', 'aurora-dsql seen'])
  })
})
