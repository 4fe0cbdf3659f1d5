// Entry for the build step: `node dist/build-cache.cjs` (the last step of `npm run build`) validates every packaged
// skill with the real loader and writes dist/build-cache.json; an invalid skill fails the build.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUILD_CACHE, buildCache, InvalidPackagedSkills } from './build-cache.js'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
// The bundle is CommonJS (no top-level await).
void (async () => {
  await writeFile(join(root, BUILD_CACHE), `${JSON.stringify(await buildCache(root))}\n`)
})().catch((err: unknown) => {
  process.stderr.write(err instanceof InvalidPackagedSkills ? `build: ${err.message}\n` : `${(err as Error).stack ?? String(err)}\n`)
  process.exitCode = 1
})
