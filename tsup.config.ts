import { defineConfig } from 'tsup'

// One entry with every dependency bundled in: `npx dbskills` then installs a single package with no dependency
// tree. Heavy modules (remark, clack, toml, the sandbox) stay behind dynamic import() as separate chunks, so
// `--help` and `add` load only what they use.
//
// CommonJS, not ESM: Node 20 loads each ESM file through its asynchronous loader (resolve with realpath, read,
// compile, link, one promise chain per file) and has no compile cache, so the ~20 chunks of an `add` cost
// measurably more as ESM (bench, same machine and run: `add dsql` 2.16x -> 2.01x, `--help` 1.36x -> 1.23x of
// `node -e 0`). The chunks are `.cjs` because the package is "type": "module" (the sources and tests stay ESM).
export default defineConfig({
  entry: {
    cli: 'src/cli/main.ts',
    'build-cache': 'src/knowledge/build-cache-main.ts',
    'build-plugins': 'src/plugins/build-main.ts',
    'build-sandbox-template': 'src/sandbox/template-build-main.ts',
  },
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  // tsup splits CommonJS output too (esbuild splits ESM, tsup turns the chunks into CommonJS).
  splitting: true,
  // import.meta.url in the sources (finding the package root, templates, dsql-lint) becomes the chunk's file URL.
  shims: true,
  sourcemap: false,
  dts: false,
  // Everything is bundled except PGlite: it loads its .wasm and .data files from its own package folder, so it
  // ships as a real dependency and only `dbskills sandbox` loads it (dynamically; its CommonJS build).
  noExternal: [/^(?!@electric-sql\/pglite)/],
  external: ['@electric-sql/pglite'],
  // Keep `node:` in built-in requires (Node 20 has it) so the esbuild plugins below see commander's require.
  removeNodeProtocol: false,
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
    {
      // commander requires node:child_process at load for executable subcommands, which dbskills never uses; that
      // module pulls in net and stream (~7 ms of every start on a slow machine). Loaded on first use instead.
      name: 'lazy-child-process',
      setup(build) {
        build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined))
        build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({ contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] })", loader: 'js' }))
      },
    },
  ],
})
