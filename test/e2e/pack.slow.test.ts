import { execFileSync, spawnSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTemplate } from '../../src/sandbox/template.js'
import { REPO } from '../helpers/cli.js'
import { project, isLink } from '../helpers/project.js'

// The shipped package, as npm would deliver it: pack, install the tarball, run the installed bin.
// (--ignore-scripts: the suite runs after `npm run build`, and prepack's build log would corrupt --json.)
describe('npm package', () => {
  it('packs, installs from the tarball, and runs --help and add dsql', async () => {
    const out = await project({}, 'dbskills-pack-')
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path)
    expect(files).toContain('bin/dbskills.cjs')
    expect(files).toContain('dist/cli.cjs')
    expect(files).toContain('skills/dsql/SKILL.md')
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false)

    const app = await project({ 'package.json': '{"name":"app","version":"1.0.0","private":true}\n' }, 'dbskills-app-')
    const tarball = join(out, (await readdir(out)).find((f) => f.endsWith('.tgz'))!)
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, stdio: 'ignore' })
    // Every library is bundled into dist/; installing the package adds only what `dbskills sandbox` loads from disk:
    // PGlite (its .wasm files) and, on Linux x64 where it exists, the official dsql-lint binary. No dependency tree.
    const installed = (await readdir(join(app, 'node_modules'))).filter((n) => !n.startsWith('.'))
    expect(installed).toEqual(['@aws', '@electric-sql', 'dbskills'].filter((n) => n !== '@aws' || (process.platform === 'linux' && process.arch === 'x64')))
    expect(await readdir(join(app, 'node_modules', '@electric-sql'))).toEqual(['pglite'])
    expect(files).toContain('dist/build-cache.json')
    expect(files).toEqual(expect.arrayContaining(['dist/sandbox-template.tar.br', 'dist/sandbox-template.json']))
    const bin = join(app, 'node_modules', '.bin', 'dbskills')
    const help = spawnSync(bin, ['--help'], { cwd: app, encoding: 'utf8' })
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('install skills for your agents')
    const add = spawnSync(bin, ['add', 'dsql', '--agent', 'kiro,claude-code', '--yes'], { cwd: app, encoding: 'utf8' })
    expect(add.status, add.stderr).toBe(0)
    expect(await isLink(join(app, '.claude/skills/dsql'))).toBe(true)
    expect((await readdir(join(app, '.kiro/skills/dsql'))).sort()).toContain('SKILL.md')

    // The sandbox from the installed package: PGlite (kept out of the bundle) resolves from the app's
    // node_modules, and dsql-lint arrives as the optional dependency on linux-x64.
    if (process.platform === 'linux' && process.arch === 'x64') {
      await writeFile(join(app, 'm.sql'), 'CREATE TABLE t (id uuid PRIMARY KEY);\nCREATE INDEX i ON t (id);\n')
      const check = spawnSync(bin, ['sandbox', 'dsql', '--check', 'm.sql'], { cwd: app, encoding: 'utf8' })
      expect(check.status).toBe(1)
      expect(check.stderr).toMatch(/^m\.sql:2: 0A000 index_async: CREATE INDEX without ASYNC/)
      // The server's first start in the project (stdin closed at once: it opens the database, then stops) copies the
      // installed package's database template instead of running initdb: same PostgreSQL system identifier.
      const serve = spawnSync(bin, ['sandbox', 'dsql'], { cwd: app, encoding: 'utf8', input: '' })
      expect(serve.status, serve.stderr).toBe(0)
      const control = readTemplate(join(app, 'node_modules', 'dbskills', 'dist'))?.entries.find((e) => e.path === 'global/pg_control')
      if (control?.type !== 'file') throw new Error('the installed package has no usable sandbox template')
      const systemId = (bytes: Uint8Array) => Buffer.from(bytes).readBigUInt64LE(0)
      expect(systemId(await readFile(join(app, '.dbskills', 'sandbox', 'dsql', 'global', 'pg_control')))).toBe(systemId(control.data))
    }
  })
})
