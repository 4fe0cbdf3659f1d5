import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { AGENTS, CANONICAL_DIR } from '../agents/registry.js'
import { SKILL_NAME } from '../core/paths.js'
import { UserError } from '../core/errors.js'
import { CLIENTS } from '../mcp/clients.js'

/**
 * The `skills` CLI's lock file, where add also records its entry (skills-lock.ts edits it). Defined here, not there:
 * every project command reads the record, and skills-lock.ts brings the JSON editor with it.
 */
export const SKILLS_LOCK_PATH = 'skills-lock.json'

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

export function emptyRecord(): InstallRecord {
  return { version: 1, skills: {}, createdDirs: [], createdFiles: [], createdKeys: {} }
}

/**
 * Every path dbskills can write, derived from the agent and client tables: a record may name only these.
 * Anything else (".", "", ".git", "src", "a/..") is a tampered or damaged record and is refused whole.
 */
function allowedPaths(skills: readonly string[]): { locations: Set<string>; steering: Set<string>; mcp: Set<string>; files: Set<string> } {
  const locations = new Set<string>(), steering = new Set<string>()
  const dirs = new Set([CANONICAL_DIR, ...AGENTS.flatMap((a) => [a.skillsDir, a.globalSkillsDir])])
  for (const skill of skills) {
    for (const d of dirs) locations.add(`${d}/${skill}`)
    for (const a of AGENTS) steering.add(a.steering.path.replace('{skill}', skill))
  }
  const mcp = new Set(CLIENTS.map((c) => c.projectPath))
  return { locations, steering, mcp, files: new Set([...steering, ...mcp, SKILLS_LOCK_PATH]) }
}

/** A clean relative path: no "", ".", "..", no absolute or drive prefix, no backslash. */
const cleanRel = (p: unknown): p is string =>
  typeof p === 'string' && p.length > 0 && !p.includes('\\') && !p.includes('\0') && !/^[a-zA-Z]:/.test(p) && !isAbsolute(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..')

const HASH = /^[0-9a-f]{64}$/

/** Check a parsed record against the schema and the writable paths; every problem is listed. */
export function validateRecord(data: unknown): { record?: InstallRecord; problems: string[] } {
  const problems: string[] = []
  const p = (msg: string) => problems.push(msg)
  if (!isObj(data)) return { problems: ['the top level is not an object'] }
  if (data.version !== 1) return { problems: [`version ${JSON.stringify(data.version)} is not one this dbskills reads (1)`] }
  if (!isObj(data.skills)) return { problems: ['"skills" is not an object'] }
  const names = Object.keys(data.skills)
  for (const n of names) if (!SKILL_NAME.test(n)) p(`skill name ${JSON.stringify(n)} is not a valid skill name`)
  const allowed = allowedPaths(names)
  const itemPaths: string[] = []
  for (const [name, raw] of Object.entries(data.skills)) {
    const at = `skills.${name}`
    if (!isObj(raw)) { p(`${at} is not an object`); continue }
    if (typeof raw.version !== 'string') p(`${at}.version is not a string`)
    if (typeof raw.hash !== 'string') p(`${at}.hash is not a string`)
    if (!['auto', 'symlink', 'copy'].includes(raw.link as string)) p(`${at}.link is not auto, symlink or copy`)
    if (!Array.isArray(raw.agents) || !raw.agents.every((a) => typeof a === 'string')) p(`${at}.agents is not a list of agent ids`)
    if (!Array.isArray(raw.locations) || raw.locations.length === 0) { p(`${at}.locations is not a non-empty list`); continue }
    raw.locations.forEach((l: unknown, i: number) => {
      const li = `${at}.locations[${i}]`
      if (!isObj(l)) return p(`${li} is not an object`)
      if (typeof l.path !== 'string' || !allowed.locations.has(l.path) || !l.path.endsWith(`/${name}`)) return p(`${li}.path ${JSON.stringify(l.path)} is not a skills folder dbskills writes for ${name}`)
      if (i === 0 && l.path !== `${CANONICAL_DIR}/${name}`) p(`${li}.path must be the canonical ${CANONICAL_DIR}/${name}`)
      if (!['copy', 'symlink', 'junction'].includes(l.type as string)) p(`${li}.type is not copy, symlink or junction`)
      if (l.type === 'copy') {
        if (!isObj(l.files)) return p(`${li}.files is not an object`)
        for (const [f, h] of Object.entries(l.files)) {
          if (!cleanRel(f)) p(`${li}.files has a path that is not a clean relative path: ${JSON.stringify(f)}`)
          else itemPaths.push(`${l.path}/${f}`)
          if (typeof h !== 'string' || !HASH.test(h)) p(`${li}.files[${JSON.stringify(f)}] is not a sha256 hash`)
        }
      } else if (typeof l.target !== 'string') p(`${li}.target is not a string`)
      itemPaths.push(l.path as string)
    })
    for (const [key, kinds] of [['steering', ['file', 'block']], ['mcp', undefined]] as const) {
      const list = raw[key]
      if (!Array.isArray(list)) { p(`${at}.${key} is not a list`); continue }
      list.forEach((e: unknown, i: number) => {
        const ei = `${at}.${key}[${i}]`
        if (!isObj(e)) return p(`${ei} is not an object`)
        const ok = key === 'steering' ? allowed.steering.has(e.path as string) : allowed.mcp.has(e.path as string)
        if (!ok) return p(`${ei}.path ${JSON.stringify(e.path)} is not a ${key} file dbskills writes`)
        if (typeof e.hash !== 'string' || !HASH.test(e.hash)) p(`${ei}.hash is not a sha256 hash`)
        if (kinds && !kinds.includes(e.kind as 'file')) p(`${ei}.kind is not file or block`)
        if (key === 'mcp' && (typeof e.key !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(e.key) || !CLIENTS.some((c) => c.id === e.client && c.projectPath === e.path))) p(`${ei} names no known client and server`)
        itemPaths.push(e.path as string)
      })
    }
  }
  const list = (k: string): string[] => {
    const v = data[k] ?? []
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) { p(`"${k}" is not a list of paths`); return [] }
    return v as string[]
  }
  const createdFiles = list('createdFiles')
  for (const f of createdFiles) if (!allowed.files.has(f)) p(`createdFiles names ${JSON.stringify(f)}, which is not a file dbskills creates`)
  const createdDirs = list('createdDirs')
  itemPaths.push(RECORD_PATH, ...createdFiles)
  for (const d of createdDirs) if (!cleanRel(d) || !itemPaths.some((x) => x.startsWith(`${d}/`))) p(`createdDirs names ${JSON.stringify(d)}, which is not a folder above anything dbskills wrote`)
  const createdKeys = data.createdKeys ?? {}
  if (!isObj(createdKeys)) p('"createdKeys" is not an object')
  else for (const [f, keys] of Object.entries(createdKeys)) {
    if (!allowed.mcp.has(f)) p(`createdKeys names ${JSON.stringify(f)}, which is not an MCP config dbskills writes`)
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) p(`createdKeys[${JSON.stringify(f)}] is not a list of keys`)
  }
  if (problems.length) return { problems }
  return { record: { ...emptyRecord(), ...(data as object), createdDirs, createdFiles, createdKeys: createdKeys as Record<string, string[]> } as InstallRecord, problems }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Read and validate the record; a damaged or tampered one is an error naming the file, and nothing is written. */
export function readRecord(base: string): InstallRecord {
  const path = join(base, RECORD_PATH)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return emptyRecord()
    throw new UserError(`${path} cannot be read (${code ?? (err as Error).message}).`, { hint: 'It is the dbskills ownership record. Fix its permissions, or delete it to start over (dbskills then treats the project as having nothing installed).' })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new UserError(`${path} is not valid JSON (${(err as Error).message}).`, { hint: 'It is the dbskills ownership record. Fix the JSON by hand, or delete the file and re-run (dbskills then treats the project as having nothing installed).' })
  }
  const { record, problems } = validateRecord(data)
  if (!record) throw new UserError(`${path} is damaged or was edited by hand: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`, {
    hint: 'Nothing was written. Restore the file from version control, or delete it to start over (dbskills then treats the project as having nothing installed).',
    details: problems,
  })
  return record
}

/** Stable serialisation: sorted skill keys, 2 spaces, trailing newline (merge-friendly, like skills-lock.json). */
export function serializeRecord(record: InstallRecord): string {
  const skills = Object.fromEntries(Object.keys(record.skills).sort().map((k) => [k, record.skills[k]]))
  const createdKeys = Object.fromEntries(Object.keys(record.createdKeys).sort().map((k) => [k, record.createdKeys[k]]))
  return `${JSON.stringify({ version: 1, skills, createdDirs: [...record.createdDirs].sort(), createdFiles: [...record.createdFiles].sort(), createdKeys }, null, 2)}\n`
}
