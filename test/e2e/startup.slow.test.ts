import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BIN } from '../helpers/cli.js'
import { project } from '../helpers/project.js'

// What a start of the built CLI loads (issue 8's start-up budget): the Node built-ins that were measured as the
// largest avoidable costs of `dbskills add` must stay out of it. Output goes to a file, as in `npm run bench`
// (a pipe or a terminal brings in net or tty for stdout itself, whatever the CLI does).
async function builtinsLoaded(args: string[]): Promise<string[]> {
  const dir = await project({}, 'dbskills-startup-')
  const list = join(dir, 'modules.json')
  const preload = join(dir, 'record-modules.cjs')
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)))\n`)
  const out = openSync(join(dir, 'out.txt'), 'w')
  try {
    const r = spawnSync(process.execPath, ['--require', preload, BIN, ...args], { stdio: ['ignore', out, out], env: { ...process.env, NO_COLOR: '1' } })
    expect(r.status, readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(0)
  } finally {
    closeSync(out)
  }
  return (JSON.parse(readFileSync(list, 'utf8')) as string[]).filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length))
}

describe('start-up of the built CLI', () => {
  it('add dsql (three agents, all layers) loads no child_process, net, tty, fs/promises or file streams', async () => {
    const dir = await project()
    const loaded = await builtinsLoaded(['add', 'dsql', '--agent', 'kiro,claude-code,cursor', '--yes', '--dir', dir])
    expect(loaded).toContain('fs') // the list is real
    // internal/fs/streams: what creating process.stdin on /dev/null loads, only to learn it is not a terminal.
    for (const m of ['child_process', 'net', 'tty', 'fs/promises', 'internal/fs/streams']) expect(loaded, m).not.toContain(m)
  })

  it('--help loads no node:crypto, child_process, net, tty or fs/promises', async () => {
    const loaded = await builtinsLoaded(['--help'])
    for (const m of ['crypto', 'child_process', 'net', 'tty', 'fs/promises']) expect(loaded, m).not.toContain(m)
  })
})
