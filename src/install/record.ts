import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { isInside } from '../core/paths.js'
import { UserError } from '../core/errors.js'

/** Where one skill lives for one agent dir, and how it got there. */
export interface Location {
  /** Base-relative folder, e.g. '.claude/skills/dsql'. */
  path: string
  type: 'copy' | 'symlink' | 'junction'
  /** For links: the link text written. */
  target?: string
  /** For copies: skill-relative file -> sha256 of what we last wrote there. */
  files?: Record<string, string>
}

/** A steering file we own, or a managed block we wrote into a user's file. */
export interface SteeringEntry {
  path: string
  kind: 'file' | 'block'
  /** Line-ending-insensitive hash of the file (kind file) or of the block body (kind block). */
  hash: string
}

/** One MCP server entry we wrote into a client config. */
export interface McpEntry {
  path: string
  client: string
  key: string
  hash: string
}

/** What add was asked for beyond the skill itself, so update can render steering and MCP config again. */
export interface LayerSettings {
  steering: boolean
  mcpClients: string[]
  /** The MCP/steering flags as given (never secrets: those are refused before anything is recorded). */
  options: Record<string, string | number | boolean>
}

export interface SkillRecord {
  version: string
  /** skills-CLI compatible folder hash of what we installed. */
  hash: string
  link: 'auto' | 'symlink' | 'copy'
  agents: string[]
  locations: Location[]
  steering: SteeringEntry[]
  mcp: McpEntry[]
  layers?: LayerSettings
}

/** Our ownership record: everything we wrote, so remove/update touch exactly that. */
export interface InstallRecord {
  version: 1
  skills: Record<string, SkillRecord>
  /** Base-relative dirs that did not exist before we wrote into them (removed when empty). */
  createdDirs: string[]
  /**
   * Base-relative files we created that are shared with the user or other skills (skills-lock.json, CLAUDE.md,
   * AGENTS.md, MCP configs): removed once nothing of anyone's is left in them.
   */
  createdFiles: string[]
  /** Per MCP config file: the container keys (e.g. mcpServers) we created, removed again once empty. */
  createdKeys: Record<string, string[]>
}

export const RECORD_PATH = '.agents/dbskills-lock.json'
export const SKILLS_LOCK_PATH = 'skills-lock.json'

export function emptyRecord(): InstallRecord {
  return { version: 1, skills: {}, createdDirs: [], createdFiles: [], createdKeys: {} }
}

async function readJson(path: string, what: string): Promise<unknown | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new UserError(`${path} is not valid JSON (${(err as Error).message}).`, {
      hint: `It is ${what}. Fix the JSON by hand, or delete the file and re-run (dbskills then treats the project as having nothing installed).`,
    })
  }
}

export async function readRecord(base: string): Promise<InstallRecord> {
  const data = (await readJson(join(base, RECORD_PATH), 'the dbskills ownership record')) as InstallRecord | undefined
  if (!data) return emptyRecord()
  if (data.version !== 1 || typeof data.skills !== 'object')
    throw new UserError(`${join(base, RECORD_PATH)} has an unknown layout (version ${String(data.version)}).`, { hint: 'Upgrade dbskills, or delete the file to start over.' })
  const record = { ...emptyRecord(), ...data }
  // remove and update delete what the record names: a path that leaves the project is never acted on.
  const escaping = recordPaths(record).filter((p) => typeof p !== 'string' || isAbsolute(p) || !isInside(base, join(base, p)))
  if (escaping.length)
    throw new UserError(`${join(base, RECORD_PATH)} names paths outside ${base}: ${escaping.slice(0, 3).join(', ')}.`, { hint: 'The record was edited or copied from elsewhere; fix or delete it (dbskills then treats the project as having nothing installed).' })
  return record
}

/** Every base-relative path the record would let remove/update touch. */
function recordPaths(r: InstallRecord): string[] {
  return [
    ...Object.values(r.skills).flatMap((s) => [
      ...s.locations.flatMap((l) => [l.path, ...Object.keys(l.files ?? {}).map((f) => `${l.path}/${f}`)]),
      ...s.steering.map((e) => e.path),
      ...s.mcp.map((e) => e.path),
    ]),
    ...r.createdDirs,
    ...r.createdFiles,
    ...Object.keys(r.createdKeys),
  ]
}

/** Stable serialisation: sorted skill keys, 2 spaces, trailing newline (merge-friendly, like skills-lock.json). */
export function serializeRecord(record: InstallRecord): string {
  const skills = Object.fromEntries(Object.keys(record.skills).sort().map((k) => [k, record.skills[k]]))
  const createdKeys = Object.fromEntries(Object.keys(record.createdKeys).sort().map((k) => [k, record.createdKeys[k]]))
  return `${JSON.stringify({ version: 1, skills, createdDirs: [...record.createdDirs].sort(), createdFiles: [...record.createdFiles].sort(), createdKeys }, null, 2)}\n`
}

/** The `skills` CLI's project lock (version 1): { version, skills: { name: { source, sourceType, computedHash, ... } } }. */
export interface SkillsLock {
  version: 1
  skills: Record<string, Record<string, unknown>>
}

export async function readSkillsLock(base: string): Promise<SkillsLock | undefined> {
  const data = (await readJson(join(base, SKILLS_LOCK_PATH), 'the skills CLI lockfile (skills-lock.json)')) as SkillsLock | undefined
  if (!data) return undefined
  if (typeof data !== 'object' || data === null || typeof data.skills !== 'object' || data.skills === null)
    throw new UserError(`${join(base, SKILLS_LOCK_PATH)} does not have the skills-lock.json layout ({"version": 1, "skills": {...}}).`, {
      hint: 'Fix or delete it; the skills CLI rewrites it on its next install.',
    })
  return data
}

/** Same layout as the skills CLI writes: version first, skill names sorted, 2-space JSON, trailing newline. */
export function serializeSkillsLock(lock: SkillsLock): string {
  const skills = Object.fromEntries(Object.keys(lock.skills).sort().map((k) => [k, lock.skills[k]]))
  return `${JSON.stringify({ ...lock, version: 1, skills }, null, 2)}\n`
}

/** Our entry in skills-lock.json: an npm-shipped skill, which `skills update` leaves alone. */
export function skillsLockEntry(computedHash: string, packageVersion: string): Record<string, unknown> {
  return { source: 'dbskills', sourceType: 'node_modules', computedHash, version: packageVersion }
}

export function isOurSkillsLockEntry(entry: unknown): boolean {
  return !!entry && typeof entry === 'object' && (entry as Record<string, unknown>).source === 'dbskills'
}
