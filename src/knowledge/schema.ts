import { SKILL_NAME } from '../core/paths.js'

/** One problem found in a skill, with where it is. */
export interface Issue {
  file: string
  line: number
  rule: string
  message: string
}

/** Top-level keys the Agent Skills spec allows (its reference validator rejects any other). */
export const SPEC_KEYS = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'] as const

const DATE = /^\d{4}-\d{2}-\d{2}$/
// The Semantic Versioning 2.0.0 grammar (semver.org). A regex rather than the semver package on this path:
// semver builds its whole regex table at import, ~2 ms of every `add`.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/** 1-based line of `key:` inside the front matter (line 1 is the opening `---`), or 1. */
export function keyLine(frontmatter: string, key: string): number {
  const lines = frontmatter.replace(/^\r?\n/, '').split(/\r?\n/)
  const i = lines.findIndex((l) => l.startsWith(`${key}:`) || l.trimStart().startsWith(`${key}:`))
  return i >= 0 ? i + 2 : 1
}

/**
 * Checks parsed front matter against the Agent Skills spec plus our own versioning rule
 * (metadata.version semver, metadata.updated YYYY-MM-DD). Collects every issue.
 */
export function checkFrontmatter(data: Record<string, unknown>, folderName: string, file: string, raw: string): Issue[] {
  const issues: Issue[] = []
  const add = (key: string, rule: string, message: string) => issues.push({ file, line: keyLine(raw, key), rule, message })

  for (const key of Object.keys(data)) {
    if (!(SPEC_KEYS as readonly string[]).includes(key))
      add(key, 'frontmatter-key', `unexpected top-level key "${key}"; the spec allows only ${SPEC_KEYS.join(', ')} (move it under metadata)`)
  }

  const name = data.name
  if (typeof name !== 'string' || name === '') add('name', 'name', 'name is required and must be a non-empty string')
  else {
    if (name.length > 64) add('name', 'name', `name is ${name.length} characters; the limit is 64`)
    if (!SKILL_NAME.test(name)) add('name', 'name', `name "${name}" must be lowercase letters, digits and single hyphens (^[a-z0-9]+(-[a-z0-9]+)*$)`)
    if (name !== folderName) add('name', 'name', `name "${name}" must equal the folder name "${folderName}"`)
  }

  const description = data.description
  if (typeof description !== 'string' || description.trim() === '') add('description', 'description', 'description is required and must be a non-empty string')
  else {
    if (description.length > 1024) add('description', 'description', `description is ${description.length} characters; the limit is 1024`)
    if (/[<>]/.test(description)) add('description', 'description', 'description must not contain < or >')
  }

  if (data.compatibility !== undefined && (typeof data.compatibility !== 'string' || data.compatibility.length > 500))
    add('compatibility', 'compatibility', 'compatibility must be a string of at most 500 characters')
  if (data['allowed-tools'] !== undefined && typeof data['allowed-tools'] !== 'string')
    add('allowed-tools', 'allowed-tools', 'allowed-tools must be a space-separated string')

  const metadata = data.metadata
  if (metadata === undefined || metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    add('metadata', 'metadata', 'metadata must be a map holding version (semver) and updated (YYYY-MM-DD)')
  } else {
    const m = metadata as Record<string, unknown>
    for (const [k, v] of Object.entries(m))
      if (typeof v !== 'string') add('metadata', 'metadata', `metadata.${k} must be a string (quote it: ${k}: "${v instanceof Date ? v.toISOString().slice(0, 10) : String(v)}")`)
    if (typeof m.version !== 'string' || !SEMVER.test(m.version)) add('metadata', 'version', 'metadata.version must be a semver string, e.g. "1.0.0"')
    if (typeof m.updated !== 'string' || !DATE.test(m.updated) || Number.isNaN(Date.parse(m.updated)))
      add('metadata', 'updated', 'metadata.updated must be a date string "YYYY-MM-DD"')
  }
  return issues
}
