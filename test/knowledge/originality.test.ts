// Knowledge must be written in our own words: the prose of every skill and shared reference (everything outside
// fenced code) may not share a run of 12 or more words with the source documents in ../shared/seeds. Facts and names
// carry over; sentences do not. Code is excluded because commands and identifiers legitimately coincide.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const seedsDir = join(repoRoot, '..', 'shared', 'seeds')
const RUN = 12

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  )
}

/** Removes fenced code blocks (``` or ~~~, any info string), keeping line count so reports point at real lines. */
export function proseOf(markdown: string): string {
  return markdown.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
}

/** Lower-case alphanumeric words; punctuation, markup and non-Latin script separate words. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(' ').filter(Boolean)
}

/** Every RUN-word window of the sources, as a set of joined strings. */
export function shingles(texts: readonly string[], n = RUN): Set<string> {
  const out = new Set<string>()
  for (const t of texts) {
    const w = words(t)
    for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '))
  }
  return out
}

/** The shared runs of at least `n` words between `text` and the source shingles, longest stretch per hit. */
export function sharedRuns(text: string, sources: Set<string>, n = RUN): string[] {
  const w = words(text)
  const runs: string[] = []
  let start = -1
  for (let i = 0; i + n <= w.length + 1; i++) {
    const hit = i + n <= w.length && sources.has(w.slice(i, i + n).join(' '))
    if (hit && start < 0) start = i
    if (!hit && start >= 0) {
      runs.push(w.slice(start, i - 1 + n).join(' '))
      start = -1
    }
  }
  return runs
}

const knowledgeFiles = [
  ...filesUnder(join(repoRoot, 'skills'), /\.md$/),
  ...filesUnder(join(repoRoot, 'references'), /\.md$/),
]

describe('originality helpers', () => {
  const source = 'The quick brown fox jumps over the lazy dog while seven tired cats watch from the old garden wall.'
  const set = shingles([source])

  it('finds a copied run of twelve words even with different punctuation and case', () => {
    const copied = 'Note: THE quick, brown fox jumps over the lazy dog; while seven tired cats watch (indeed).'
    expect(sharedRuns(copied, set)).toEqual(['the quick brown fox jumps over the lazy dog while seven tired cats watch'])
  })

  it('accepts a run of eleven shared words', () => {
    expect(sharedRuns('so the quick brown fox jumps over the lazy dog while seven bats', set)).toEqual([])
  })

  it('ignores fenced code but keeps inline code as prose', () => {
    const md = `intro\n\n\`\`\`bash\n${source}\n\`\`\`\n\nafter \`code\``
    expect(sharedRuns(proseOf(md), set)).toEqual([])
    expect(proseOf(md)).toContain('after `code`')
  })
})

// Outside a checkout with ../shared beside it the comparison cannot run; CI always has the seeds.
describe.skipIf(!existsSync(seedsDir))(`originality against ${relative(repoRoot, seedsDir)} (skipped when that folder is absent; CI has it)`, () => {
  const sources = shingles(filesUnder(seedsDir, /\.txt$/).map((f) => readFileSync(f, 'utf8')))

  it('reads the seed documents', () => {
    expect(sources.size).toBeGreaterThan(1000)
  })

  it(`finds no run of ${RUN}+ words shared with a seed in any skill or shared reference`, () => {
    expect(knowledgeFiles.length).toBeGreaterThan(0)
    const findings = knowledgeFiles.flatMap((f) =>
      sharedRuns(proseOf(readFileSync(f, 'utf8')), sources).map((run) => `${relative(repoRoot, f)}: "${run}"`),
    )
    expect(findings).toEqual([])
  })
})

