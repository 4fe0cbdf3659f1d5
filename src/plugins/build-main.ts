/**
 * Build step (tsup entry, run by `npm run build`): writes the plugin tree into the repository. The files are
 * committed; test/plugins/drift.test.ts fails when they differ from what this writes.
 */
import { findPackageRoot } from '../core/context.js'
import { buildTree, compareTree, writeTree } from './bundle.js'

// The bundle is CommonJS (no top-level await): a promise chain that fails the build on error.
void (async () => {
  const root = findPackageRoot(import.meta.url)
  const tree = buildTree(root)
  const { missing, changed, extra } = compareTree(tree, root)
  await writeTree(tree, root, true)
  const touched = missing.length + changed.length + extra.length
  console.error(touched ? `plugins: wrote ${missing.length + changed.length}, removed ${extra.length} file(s) under plugins/ and .claude-plugin/` : 'plugins: up to date')
})().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
