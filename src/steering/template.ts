/**
 * Steering templates: plain Markdown files with `{{name}}` variables, shipped in templates/steering/.
 * Rendering is deliberately strict: a variable the template uses but the caller did not give, a variable given
 * but empty, a variable given but never used, and a malformed `{{` all throw. A typo must never turn into a
 * steering file with a silent hole in it, because that file is loaded into every agent request.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findPackageRoot } from '../core/context.js'
import { InternalError } from '../core/errors.js'
import type { SteeringTemplates } from './types.js'

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g

/** Template file name (in templates/steering/) for each field of {@link SteeringTemplates}. */
export const TEMPLATE_FILES: Readonly<Record<keyof SteeringTemplates, string>> = {
  body: 'body.md',
  kiro: 'kiro.md',
  cursor: 'cursor.md',
  mcpConfigured: 'mcp-configured.md',
  mcpAbsent: 'mcp-absent.md',
}

/**
 * Substitutes every `{{name}}` in `template` with `vars[name]`, in one pass (values are never re-scanned).
 * @param name the template's name, used in error messages
 * @throws InternalError on an unknown, empty or unused variable, or a malformed `{{`/`}}`
 */
export function renderTemplate(name: string, template: string, vars: Readonly<Record<string, string>>): string {
  const leftover = template.replace(VARIABLE, '')
  const stray = /\{\{|\}\}/.exec(leftover)
  if (stray) throw new InternalError(`template ${name}: malformed variable near ${JSON.stringify(leftover.slice(Math.max(0, stray.index - 20), stray.index + 20))}; write variables as {{name}}`)
  const used = new Set<string>()
  const out = template.replace(VARIABLE, (_match, key: string) => {
    if (!Object.hasOwn(vars, key)) throw new InternalError(`template ${name}: unknown variable {{${key}}}; known: ${Object.keys(vars).join(', ') || '(none)'}`)
    const value = vars[key]
    if (value === undefined || value === '') throw new InternalError(`template ${name}: variable {{${key}}} has no value`)
    used.add(key)
    return value
  })
  const unused = Object.keys(vars).filter((key) => !used.has(key))
  if (unused.length > 0) throw new InternalError(`template ${name}: variable(s) given but not used: ${unused.join(', ')}`)
  return out
}

/**
 * Reads the steering templates from `dir` (default: templates/steering/ of the installed package).
 * Line endings are normalised to LF: the renderers produce LF text and callers convert when a file needs CRLF.
 * @throws InternalError when a template file is missing: the package is broken, not the user's project
 */
export function loadSteeringTemplates(dir: string = defaultTemplatesDir()): SteeringTemplates {
  const read = (file: string): string => {
    const path = join(dir, file)
    try {
      return readFileSync(path, 'utf8').replace(/\r\n?/g, '\n')
    } catch (cause) {
      throw new InternalError(`steering template ${path} could not be read; the dbskills package looks incomplete`, { cause })
    }
  }
  const entries = Object.entries(TEMPLATE_FILES).map(([key, file]) => [key, read(file)])
  return Object.fromEntries(entries) as unknown as SteeringTemplates
}

/** templates/steering/ of the package this module belongs to (works from src/ and from the dist/ bundle). */
export function defaultTemplatesDir(from: string = import.meta.url): string {
  return join(findPackageRoot(from), 'templates', 'steering')
}
