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
          // Worker threads, not child processes: the same tests for about 30% less CPU on a 2-core machine (no
          // unit test changes directory or needs its own process).
          pool: 'threads',
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
