import { beforeEach, describe, expect, it, vi } from 'vitest'

// `dbskills plugin` wiring: argv -> (channel, options), with the command module mocked (as test/cli/argv.test.ts does).
const calls: unknown[][] = []
vi.mock('../../src/cli/commands/plugin.js', () => ({ runPlugin: async (...args: unknown[]) => { calls.push(args.slice(0, -1)); return 0 } }))
const { main } = await import('../../src/cli/main.js')

beforeEach(() => { calls.length = 0; vi.spyOn(process.stderr, 'write').mockImplementation(() => true); vi.spyOn(process.stdout, 'write').mockImplementation(() => true) })

describe('dbskills plugin', () => {
  it.each([
    ['plugin claude --out dist/p', ['claude', { out: 'dist/p' }]],
    ['plugin gemini --out x --skill dsql,dynamodb --force --json', ['gemini', { out: 'x', skill: ['dsql,dynamodb'], force: true, json: true }]],
    ['plugin all --dry-run', ['all', { dryRun: true }]],
  ])('%s', async (argv, args) => {
    expect(await main(argv.split(' '))).toBe(0)
    expect(calls).toEqual([args])
  })
  it.each([['plugin'], ['plugin claude --bogus']])('%s is a usage error (exit 2)', async (argv) => {
    expect(await main(argv.split(' '))).toBe(2)
    expect(calls).toEqual([])
  })
})
