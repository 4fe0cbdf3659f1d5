// Every SQL example in the dsql skill is a claim a machine checks: ```sql blocks are valid Aurora DSQL as written
// (zero diagnostics from the official dsql-lint), ```sql-wrong blocks are mistakes dsql-lint really flags (with the
// rule ids named in the fence meta), and ```mysql blocks are MySQL that node-sql-parser accepts.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'
import {
  PINNED_DSQL_LINT_VERSION,
  dsqlLintSupported,
  dsqlLintVersion,
  lintSqlTexts,
  type LintResult,
} from '../helpers/dsql-lint.js'
import { skipReason } from '../helpers/platform.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const skillDir = join(repoRoot, 'skills', 'dsql')

/** Info strings a fence in this skill may carry; anything else (including none) is a mistake. */
const KNOWN_LANGS = new Set(['sql', 'sql-wrong', 'sql-fragment', 'mysql', 'json', 'bash', 'python', 'typescript', 'java', 'toml', 'text'])

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  )
}

interface Located extends Fence {
  where: string
}

const fences: Located[] = []
for (const file of markdownFiles(skillDir)) {
  for (const f of await codeFences(readFileSync(file, 'utf8'))) {
    fences.push({ ...f, where: `${relative(repoRoot, file)}:${f.line}` })
  }
}
const sqlFences = fences.filter((f) => f.lang === 'sql')
const wrongFences = fences.filter((f) => f.lang === 'sql-wrong')
const mysqlFences = fences.filter((f) => f.lang === 'mysql')

describe('dsql skill code fences', () => {
  it('carry a deliberate, known info string', () => {
    const unknown = fences.filter((f) => !KNOWN_LANGS.has(f.lang)).map((f) => `${f.where} "${f.lang}"`)
    expect(unknown).toEqual([])
  })

  it('include enough runnable and wrong examples for these checks to mean something', () => {
    expect(sqlFences.length).toBeGreaterThanOrEqual(25)
    expect(wrongFences.length).toBeGreaterThanOrEqual(8)
  })

  it('parse mysql fences as MySQL', async () => {
    const { Parser } = (await import('node-sql-parser/build/mysql.js')) as unknown as {
      Parser: new () => { astify(sql: string, opt: { database: string }): unknown }
    }
    const parser = new Parser()
    const failures: string[] = []
    for (const f of mysqlFences) {
      try {
        parser.astify(f.value, { database: 'MySQL' })
      } catch (err) {
        failures.push(`${f.where}: ${(err as Error).message.split('\n')[0]}`)
      }
    }
    expect(failures).toEqual([])
  })
})

describe.skipIf(!dsqlLintSupported)(`dsql skill SQL against the official dsql-lint${skipReason('@aws/dsql-lint-linux-x64')}`, () => {
  let sqlResults: LintResult[] = []
  let wrongResults: LintResult[] = []

  beforeAll(async () => {
    ;[sqlResults, wrongResults] = await Promise.all([
      lintSqlTexts(sqlFences.map((f) => f.value)),
      lintSqlTexts(wrongFences.map((f) => f.value)),
    ])
  })

  it(`uses the pinned dsql-lint ${PINNED_DSQL_LINT_VERSION}`, async () => {
    expect(await dsqlLintVersion()).toBe(PINNED_DSQL_LINT_VERSION)
  })

  it('accepts every ```sql fence as written (zero diagnostics)', () => {
    const problems = sqlFences.flatMap((f, i) => {
      const r = sqlResults[i]
      if (!r) return [`${f.where}: no lint result`]
      if (r.error) return [`${f.where}: ${r.error}`]
      return r.diagnostics.map((d) => `${f.where} (+${d.line - 1}): ${d.rule} ${d.fix_result?.status ?? ''} ${d.message}`)
    })
    expect(problems).toEqual([])
  })

  it('flags every ```sql-wrong fence, with the rules its meta names', () => {
    const problems = wrongFences.flatMap((f, i) => {
      const r = wrongResults[i]
      if (!r || r.error) return [`${f.where}: ${r?.error ?? 'no lint result'}`]
      if (r.diagnostics.length === 0) return [`${f.where}: dsql-lint accepts this "wrong" example`]
      const seen = new Set(r.diagnostics.map((d) => d.rule))
      const expected = f.meta.split(/\s+/).filter(Boolean)
      return expected.filter((rule) => !seen.has(rule)).map((rule) => `${f.where}: expected rule ${rule}, got ${[...seen].join(', ')}`)
    })
    expect(problems).toEqual([])
  })

  it('names at least one expected rule on every ```sql-wrong fence', () => {
    expect(wrongFences.filter((f) => f.meta.trim() === '').map((f) => f.where)).toEqual([])
  })
})
