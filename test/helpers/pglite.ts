/**
 * Embedded PostgreSQL (PGlite) for executing the skills' PostgreSQL-compatible examples, plus helpers to pull a
 * named SQL fence out of a skill file so the test runs exactly the text the agent reads.
 *
 * Starting PGlite costs 2-4 s and about 0.5 GB: start one instance per test file, in beforeAll.
 */
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { codeFences } from '../../src/knowledge/markdown.js'

export type { PGlite }

/** A fresh in-memory PostgreSQL (18.x inside PGlite 0.5). */
export async function startPglite(): Promise<PGlite> {
  return PGlite.create()
}

/**
 * Rewrites DSQL-only syntax that stock PostgreSQL rejects, and nothing else:
 * - `CREATE [UNIQUE] INDEX ASYNC` becomes `CREATE [UNIQUE] INDEX`: PostgreSQL has no ASYNC keyword; its plain build is
 *   synchronous, which is exactly the state DSQL examples wait for (the job finished) before they go on.
 * - `ALTER TABLE ASYNC t VALIDATE CONSTRAINT c` becomes `ALTER TABLE t VALIDATE CONSTRAINT c`, for the same reason.
 */
export function adaptForPglite(sql: string): string {
  return sql
    .replace(/\bCREATE(\s+UNIQUE)?\s+INDEX\s+ASYNC\b/gi, (_m, unique: string | undefined) => `CREATE${unique ?? ''} INDEX`)
    .replace(/\bALTER\s+TABLE\s+ASYNC\b/gi, 'ALTER TABLE')
}

/** The ```sql fences of a Markdown file that carry `id=<name>` in their meta, by name. */
export async function sqlFencesById(markdownPath: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const f of await codeFences(readFileSync(markdownPath, 'utf8'))) {
    const id = /(?:^|\s)id=([\w-]+)/.exec(f.meta)?.[1]
    if (f.lang !== 'sql' || !id) continue
    if (out.has(id)) throw new Error(`${markdownPath}: two sql fences with id=${id}`)
    out.set(id, f.value)
  }
  return out
}

/** Looks up a fence id and fails loudly when the document no longer has it. */
export function fence(fences: Map<string, string>, id: string): string {
  const sql = fences.get(id)
  if (sql === undefined) throw new Error(`no sql fence with id=${id}`)
  return sql
}

/** Splits a fence into statements at semicolons that end a line (the examples keep one statement per line end). */
export function statements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean)
}
