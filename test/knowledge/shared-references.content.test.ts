// Shared references live once in references/ and are copied into each skill (skills are self-contained folders).
// A copy that drifts from its source, a missing source, or a shared file that only makes sense for one database
// fails here.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { codeFences, isRelativeLink, links } from '../../src/knowledge/markdown.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

interface SharedCopy { source: string; target: string; missingSource: boolean; inSync: boolean }
// A computed specifier keeps TypeScript from resolving the untyped .mjs; the script is the single implementation.
const syncScript = join(repoRoot, 'scripts', 'sync-references.mjs')
const { sharedCopies } = (await import(syncScript)) as { sharedCopies: (root: string) => SharedCopy[] }
const manifest = JSON.parse(readFileSync(join(repoRoot, 'references', 'shared.json'), 'utf8')) as Record<string, string[]>

describe('shared references', () => {
  const copies = sharedCopies(repoRoot)

  it('lists the three shared files for the four skills, and the Aurora operations files for both Aurora skills', () => {
    const forAll = ['aws-credentials-and-iam.md', 'mcp-client-setup.md', 'multi-tenant-patterns.md']
    const forAurora = ['aurora-blue-green-upgrades.md', 'aurora-io-optimized.md', 'aurora-rds-proxy.md', 'aurora-serverless-v2.md', 'rds-data-api-by-engine.md']
    expect(Object.keys(manifest).sort()).toEqual([...forAll, ...forAurora].sort())
    for (const f of forAll) expect([...manifest[f]!].sort(), f).toEqual(['aurora-mysql', 'aurora-postgresql', 'dsql', 'dynamodb'])
    for (const f of forAurora) expect([...manifest[f]!].sort(), f).toEqual(['aurora-mysql', 'aurora-postgresql'])
    // A shared file serves at least two skills; one that only one skill needs belongs in that skill.
    for (const [f, skills] of Object.entries(manifest)) expect(skills.length, f).toBeGreaterThanOrEqual(2)
  })

  it('has every source file', () => {
    expect(copies.filter((c) => c.missingSource).map((c) => relative(repoRoot, c.source))).toEqual([])
  })

  // Byte-identical copies (drift) are checked in shared-references-drift.test.ts, in the fast project.

  for (const file of Object.keys(manifest)) {
    const text = readFileSync(join(repoRoot, 'references', file), 'utf8')

    it(`${file}: no \`\`\`sql fence (that info string means "valid DSQL" and the file is shared by four databases)`, async () => {
      expect((await codeFences(text)).filter((f) => f.lang === 'sql').map((f) => f.line)).toEqual([])
    })

    it(`${file}: relative links resolve next to the source and next to every copy`, async () => {
      const targets = (await links(text)).map((l) => l.url).filter(isRelativeLink).map((u) => u.split('#')[0] ?? '')
      const dirs = [join(repoRoot, 'references'), ...(manifest[file] ?? []).map((s) => join(repoRoot, 'skills', s, 'references'))]
      const broken = dirs
        .filter((d) => existsSync(dirname(d)))
        .flatMap((d) => targets.filter((t) => t && !existsSync(resolve(d, t))).map((t) => `${relative(repoRoot, d)}: ${t}`))
      expect(broken).toEqual([])
    })
  }
})
