import { defineConfig } from 'vitest/config'

// Three projects. `unit` is the fast default loop (`npm test`, < 15 s on 2 cores). `content` checks the packaged
// skills' text (SQL fences through dsql-lint, PGlite and node-sql-parser, DynamoDB examples against dynalite, links
// over every file): files named *.content.test.ts. `slow` holds spawned end-to-end, packaging, compatibility and
// large property tests (*.slow.test.ts). `npm run check` (CI) runs all three.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Worker threads, not child processes, and files share a worker's module graph instead of re-importing
          // it: on this 2-core machine the unit CPU time drops from ~31 s to ~11 s. That holds because no unit test
          // changes directory or global state it does not put back (vi.mock is per file; spies are restored after
          // each test). Check with `npx vitest run --project unit --sequence.shuffle` when adding global state.
          pool: 'threads',
          isolate: false,
          restoreMocks: true,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.slow.test.ts', 'test/**/*.content.test.ts'],
          testTimeout: 20_000,
        },
      },
      { test: { name: 'content', include: ['test/**/*.content.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: 'slow', include: ['test/**/*.slow.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
})
