/** Steering text is ours: no run of shared words with the seed documents (the shared originality tool). */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const tool = join(root, '../shared/tools/originality.mjs')
const seeds = join(root, '../shared/seeds')

// The seeds live beside the repository, not in it; a checkout without them cannot run this check.
it.skipIf(!existsSync(tool) || !existsSync(seeds))('templates/steering share no sentence with the seeds', () => {
  const out = execFileSync(process.execPath, [tool, join(root, 'templates/steering'), seeds], { encoding: 'utf8' })
  expect(out).toMatch(/longest run 0 words/)
})
