// Entry for the build step: `node dist/build-cache.js` (tsup onSuccess) writes dist/build-cache.json.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUILD_CACHE, buildCache } from './build-cache.js'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
await writeFile(join(root, BUILD_CACHE), `${JSON.stringify(await buildCache(root))}\n`)
