import { defineConfig } from 'tsup'

// One ESM entry with every dependency bundled in: `npx dbskills` then installs a single package with no
// dependency tree, and start-up skips CommonJS resolution of dozens of small files (it was ~20 ms of a
// ~140 ms `add`). Heavy modules (remark, clack, toml) stay behind dynamic import() as separate chunks,
// so `--help` and `add` load only what they use.
export default defineConfig({
  entry: {
    cli: 'src/cli/main.ts',
    'build-cache': 'src/knowledge/build-cache-main.ts',
    'build-plugins': 'src/plugins/build-main.ts',
    'build-sandbox-template': 'src/sandbox/template-build-main.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  splitting: true,
  sourcemap: false,
  dts: false,
  // Everything is bundled except PGlite: it loads its .wasm and .data files from its own package folder, so it
  // ships as a real dependency and only `dbskills sandbox` imports it (dynamically).
  noExternal: [/^(?!@electric-sql\/pglite)/],
  external: ['@electric-sql/pglite'],
  esbuildPlugins: [
    {
      // js-yaml 3 (under gray-matter) optionally requires esprima for its !!js/function type, inside a
      // try/catch. Bundled, that drags a 300 KB parser into every `add`; a module that throws makes
      // js-yaml skip the type, exactly as when esprima is not installed.
      name: 'no-esprima',
      setup(build) {
        build.onResolve({ filter: /^esprima$/ }, () => ({ path: 'esprima', namespace: 'no-esprima' }))
        build.onLoad({ filter: /.*/, namespace: 'no-esprima' }, () => ({ contents: "throw new Error('esprima is not bundled')", loader: 'js' }))
      },
    },
  ],
  // Bundled CommonJS (gray-matter, commander) calls require() for Node built-ins.
  banner: { js: "import { createRequire as __dbskillsRequire } from 'node:module'; const require = __dbskillsRequire(import.meta.url);" },
})
