/**
 * The `skills` CLI's project lock (skills-lock.json, version 1). It is another tool's file: we edit only our own
 * entries, as text, so its version, indentation, key order and line endings stay as that tool (or the user) left them.
 *
 * Our entry says `sourceType: "local"`: skills 1.7.4 leaves such entries alone under `update` (skipped) and
 * `experimental_sync` (only `node_modules` entries, or ones with `via`, are pruned), while `node_modules` — what
 * we wrote before 2026-12 — made `experimental_sync` delete our install (node_modules/skills dist/cli.mjs,
 * installedBySync / pruneStaleSkills).
 */
import { entryHash } from '../mcp/entry.js'
import { readServer, removeServer, upsertServer, checkJson } from '../writers/mcp-json.js'
import { classify, decide } from './decide.js'
import type { PlanBuilder } from './builder.js'
import { SKILLS_LOCK_PATH, type InstallRecord } from './record.js'

const KNOWN_VERSION = 1

/** Our entry in skills-lock.json. */
export function skillsLockEntry(computedHash: string, packageVersion: string): Record<string, unknown> {
  return { source: 'dbskills', sourceType: 'local', computedHash, version: packageVersion }
}

/** Ours: source "dbskills", or "./dbskills" as the skills CLI rewrites a local source when it saves the lock. */
export function isOurSkillsLockEntry(entry: unknown): boolean {
  return !!entry && typeof entry === 'object' && /^(\.[\\/])?dbskills$/.test(String((entry as Record<string, unknown>).source))
}

/** Add/refresh entries for `install`, take out entries for `remove`. */
export function planSkillsLock(b: PlanBuilder, next: InstallRecord, install: { name: string; hash: string }[], remove: string[], packageVersion: string): void {
  const doc = b.text(SKILLS_LOCK_PATH, 'lock', SKILLS_LOCK_PATH)
  if (!doc) return
  if (doc.now !== undefined) {
    const bad = checkJson(doc.now, ['skills'], SKILLS_LOCK_PATH)
    if (bad) { b.conflict(doc.rel, `${SKILLS_LOCK_PATH} cannot be edited: ${bad.message} (line ${bad.line}, column ${bad.column}).`, 'Fix it by hand (the skills CLI rewrites it on its next install), then re-run.'); return }
    let version: unknown
    try { version = (JSON.parse(doc.now.replace(/^\uFEFF/, '')) as { version?: unknown }).version } catch { version = undefined }
    if (version !== KNOWN_VERSION) {
      b.conflict(doc.rel, `${SKILLS_LOCK_PATH} has version ${JSON.stringify(version)}; this dbskills knows only version ${KNOWN_VERSION}.`, 'Upgrade dbskills, or install without touching it by removing the skills CLI lock first.')
      return
    }
  }
  const owner = { layer: 'lock' as const }
  for (const { name, hash } of install) {
    const existing = doc.now === undefined ? undefined : readServer(doc.now, ['skills'], name)
    const want = skillsLockEntry(hash, packageVersion)
    const ours = isOurSkillsLockEntry(existing)
    const d = decide({ current: classify(existing === undefined ? undefined : entryHash(existing), entryHash(want), ours ? entryHash(existing) : undefined), want: true, recorded: ours, force: b.force })
    if (d.action === 'conflict') {
      b.conflict(doc.rel, `${SKILLS_LOCK_PATH} already records a different "${name}" skill (source ${String((existing as Record<string, unknown>).source)}).`, `Remove it with \`npx skills remove ${name}\`, or re-run with --force to take it over.`)
      continue
    }
    if (d.action !== 'write') continue
    doc.now = upsertServer(doc.now ?? `{\n  "version": ${KNOWN_VERSION},\n  "skills": {}\n}\n`, ['skills'], name, want).content
  }
  for (const name of remove) {
    if (doc.now === undefined || !isOurSkillsLockEntry(readServer(doc.now, ['skills'], name))) continue
    doc.now = removeServer(doc.now, ['skills'], name).content
  }
  // A lock file we created goes again once it lists nothing.
  if (doc.now !== undefined && next.createdFiles.includes(SKILLS_LOCK_PATH) && Object.keys(readServer(doc.now, [], 'skills') as object ?? {}).length === 0) doc.now = undefined
}
