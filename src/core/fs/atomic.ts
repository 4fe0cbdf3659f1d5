import { mkdir, rename, rm, writeFile, chmod } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'

/** Write a file atomically: a temp file in the same directory, then rename over the target. */
export async function writeFileAtomic(path: string, content: string | Buffer, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`)
  try {
    await writeFile(tmp, content)
    if (mode !== undefined) await chmod(tmp, mode)
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}
