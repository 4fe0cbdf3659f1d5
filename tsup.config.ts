import { defineConfig } from 'tsup'

// One ESM entry; heavy modules (remark, clack, toml) stay behind dynamic import() and become
// separate chunks, so `dbskills --help` and `dbskills add` load only what they need.
export default defineConfig({
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  splitting: true,
  sourcemap: false,
  dts: false,
  shims: false,
})
