import { mkdtemp, mkdir, rm, writeFile, readFile, lstat, readlink, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { onTestFinished } from 'vitest'
import type { IO } from '../../src/cli/io.js'

/** A temp dir with the given files, removed when the test ends. */
export async function project(files: Record<string, string> = {}, prefix = 'dbskills-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  onTestFinished(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }))
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true })
    await writeFile(join(dir, rel), content)
  }
  return dir
}

export const DEMO_SKILL = `---
name: demo
description: A demo skill for installer tests. Use when testing dbskills.
metadata:
  version: "1.0.0"
  updated: "2026-11-22"
---
# Demo

See [the reference](references/topic.md).
`

/** A fake dbskills package root holding one valid skill `demo` (plus any extra files). */
export async function fixturePackage(extra: Record<string, string> = {}): Promise<string> {
  return project({ 'skills/demo/SKILL.md': DEMO_SKILL, 'skills/demo/references/topic.md': '# Topic\n\nBody.\n', ...extra }, 'dbskills-pkg-')
}

/** Every path under dir as `<type> <rel>[ -> link]`, sorted: a readable snapshot of the disk. */
export async function tree(dir: string): Promise<string[]> {
  const out: string[] = []
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      const rel = relative(dir, p).split(sep).join('/')
      if (e.isSymbolicLink()) out.push(`l ${rel} -> ${await readlink(p)}`)
      else if (e.isDirectory()) { out.push(`d ${rel}`); await walk(p) }
      else out.push(`f ${rel}`)
    }
  }
  await walk(dir)
  return out.sort()
}

export async function read(path: string): Promise<string> {
  return readFile(path, 'utf8')
}

export async function isLink(path: string): Promise<boolean> {
  return lstat(path).then((s) => s.isSymbolicLink(), () => false)
}

/** An IO that records what a command printed. */
export function captureIO(json = false): IO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [], stderr: string[] = []
  return { json, stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) }
}
