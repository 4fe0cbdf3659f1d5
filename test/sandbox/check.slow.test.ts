// `dbskills sandbox dsql --check`: migration files through the sandbox's rules on a throwaway database, run as CI
// would run it (the built CLI, no TTY), stopping at the first violation with its file and line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dbskills } from '../helpers/cli.js'
import { dsqlLintSupported } from '../helpers/dsql-lint.js'

const dir = mkdtempSync(join(tmpdir(), 'dbskills-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }))

writeFileSync(join(dir, '001_notes.sql'), `-- first migration
CREATE TABLE notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author text NOT NULL
);
CREATE INDEX ASYNC idx_notes_author ON notes (author);
INSERT INTO notes (author) SELECT 'a' || g FROM generate_series(1, 1000) AS g;
`)
writeFileSync(join(dir, '002_priority.sql'), `ALTER TABLE notes ADD COLUMN priority int;

BEGIN;
UPDATE notes SET priority = 0 WHERE priority IS NULL;
COMMIT;
ALTER TABLE notes ADD COLUMN due date DEFAULT now();
`)
writeFileSync(join(dir, '003_bulk.sql'), `INSERT INTO notes (author) SELECT 'b' || g FROM generate_series(1, 3001) AS g;\n`)

describe.skipIf(!dsqlLintSupported)('dbskills sandbox dsql --check', () => {
  it('passes migrations that follow the rules', () => {
    const r = dbskills(['sandbox', 'dsql', '--check', '001_notes.sql', '--dir', dir])
    expect(r.stderr).toBe('')
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: 1 file\(s\), 3 statement\(s\) in 3 transaction\(s\)/) })
  })

  it('stops at the first violation with file:line, exit 1', () => {
    const r = dbskills(['sandbox', 'dsql', '--check', '001_notes.sql', '002_priority.sql', '003_bulk.sql', '--dir', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^002_priority\.sql:6: 0A000 add_column_constraint: ADD COLUMN 'due' with inline DEFAULT/)
  })

  it('reports the 3,000-row limit in --json', () => {
    const r = dbskills(['sandbox', 'dsql', '--check', '001_notes.sql', '003_bulk.sql', '--json', '--dir', dir])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false, files: ['001_notes.sql', '003_bulk.sql'], statements: 3, transactions: 3,
      violation: { file: '003_bulk.sql', line: 1, code: '54000', message: 'transaction row limit exceeded', statement: "INSERT INTO notes (author) SELECT 'b' || g FROM generate_series(1, 3001) AS g" },
    })
  })
})
