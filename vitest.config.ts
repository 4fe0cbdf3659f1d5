import { defineConfig } from 'vitest/config'

// Two projects: `unit` is the fast default loop (`npm test`); `slow` holds spawned end-to-end,
// packaging and compatibility tests (files named *.slow.test.ts). `npm run check` (CI) runs both.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.slow.test.ts'], testTimeout: 20_000 } },
      { test: { name: 'slow', include: ['test/**/*.slow.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
    ],
  },
})
