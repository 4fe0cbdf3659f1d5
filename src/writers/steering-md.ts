/**
 * Steering text for each agent: the project's connection facts and the "read the skill first" procedure.
 * seeds/000 measured why this layer exists: an installed skill nobody points to changes nothing; the agent only
 * used it once a steering file told it to read SKILL.md first. All functions are pure (text out); templates are
 * loaded once from the package unless the caller passes them.
 *
 * Formats (knowledge/AGENT-CONVENTIONS.md):
 * - Kiro §2.2: `.kiro/steering/*.md`, YAML front matter must be the very first content; `inclusion: always`.
 * - Cursor §4: `.cursor/rules/*.mdc` (plain .md is ignored there); `alwaysApply: true` loads it on every request,
 *   `description` is shown in the rule list; no `globs`, so nothing narrows it.
 * - Claude Code §3 (CLAUDE.md) and Codex/Copilot/Gemini §5-§7 (AGENTS.md): a managed block, see managed-block.ts.
 */
import { InternalError } from '../core/errors.js'
import { isPlaceholder } from '../steering/placeholder.js'
import { loadSteeringTemplates, renderTemplate } from '../steering/template.js'
import type { SteeringInput, SteeringTemplates } from '../steering/types.js'

let packaged: SteeringTemplates | undefined

/** The packaged templates, read on first use. */
function defaultTemplates(): SteeringTemplates {
  packaged ??= loadSteeringTemplates()
  return packaged
}

/** Project-relative path of the Kiro steering file for `skill`. */
export function kiroSteeringPath(skill: string): string {
  return `.kiro/steering/dbskills-${skill}.md`
}

/** Project-relative path of the Cursor rule file for `skill`. */
export function cursorRulePath(skill: string): string {
  return `.cursor/rules/dbskills-${skill}.mdc`
}

/**
 * The Markdown body shared by every format: facts, then the mandatory procedure. LF line endings, ends with
 * one newline. This is what goes between the markers of a CLAUDE.md / AGENTS.md managed block.
 * @throws InternalError listing every invalid field of `input`
 */
export function renderBlockBody(input: SteeringInput, templates: SteeringTemplates = defaultTemplates()): string {
  const fallback = checkInput(input)
  const toolsStep = input.mcpServerKey
    ? renderTemplate('mcp-configured.md', templates.mcpConfigured, { mcpServerKey: input.mcpServerKey })
    : renderTemplate('mcp-absent.md', templates.mcpAbsent, { title: input.title })
  const facts = input.facts.length === 0
    ? '- (none recorded)'
    : input.facts.map((f) => `- ${f.label}: ${f.value ? f.value : f.placeholder}`).join('\n')
  const body = renderTemplate('body.md', templates.body, {
    title: input.title,
    skill: input.skill,
    facts,
    skillPath: input.skillPath,
    toolsStep: toolsStep.trimEnd(),
    fallback,
  })
  return `${body.trimEnd()}\n`
}

/**
 * Whole-file text of `.kiro/steering/dbskills-<skill>.md`: `---` on the very first line (Kiro ignores front
 * matter that is not the first content), then `inclusion: always`.
 */
export function renderKiroSteering(input: SteeringInput, templates: SteeringTemplates = defaultTemplates()): string {
  const body = renderBlockBody(input, templates)
  const text = renderTemplate('kiro.md', templates.kiro, { skill: input.skill, body: body.trimEnd() })
  return finish('kiro.md', text)
}

/** Whole-file text of `.cursor/rules/dbskills-<skill>.mdc`: front matter `description` and `alwaysApply: true`. */
export function renderCursorRule(input: SteeringInput, templates: SteeringTemplates = defaultTemplates()): string {
  const body = renderBlockBody(input, templates)
  const text = renderTemplate('cursor.md', templates.cursor, {
    description: yamlString(input.description),
    skill: input.skill,
    body: body.trimEnd(),
  })
  return finish('cursor.md', text)
}

/** One trailing newline, and front matter that really is the first content (a template edit must not break that). */
function finish(template: string, text: string): string {
  if (!text.startsWith('---\n')) throw new InternalError(`template ${template} must start with a '---' front matter line, with nothing before it`)
  return `${text.trimEnd()}\n`
}

/**
 * A YAML scalar for a one-line value: plain when it is unambiguous, else double-quoted (a JSON string is a
 * valid YAML double-quoted scalar). Plain is preferred because some rule parsers are not full YAML parsers.
 */
export function yamlString(value: string): string {
  const plainSafe = /^[A-Za-z][A-Za-z0-9 ,.;()'/_+-]*[A-Za-z0-9.)]$/.test(value) && !/^(?:true|false|yes|no|on|off|null|y|n)$/i.test(value)
  return plainSafe ? value : JSON.stringify(value)
}

const ONE_LINE = /^[^\r\n\u2028\u2029]+$/

/** Collects every problem with `input`, throws once; returns the skill's fallback phrase. */
function checkInput(input: SteeringInput): string {
  const issues: string[] = []
  for (const key of ['title', 'description', 'fallback'] as const) {
    if (!ONE_LINE.test(input[key]) || input[key].trim() !== input[key]) issues.push(`${key} must be one non-empty line without surrounding spaces`)
  }
  // The path is shown to the agent verbatim, so it must be the portable form it can open: '/' separators.
  if (!ONE_LINE.test(input.skillPath) || input.skillPath.includes('\\') || !/(^|\/)SKILL\.md$/.test(input.skillPath) || input.skillPath.split('/').includes('..')) {
    issues.push(`skillPath ${JSON.stringify(input.skillPath)} must be a '/'-separated path to a SKILL.md without '..'`)
  }
  if (input.mcpServerKey !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(input.mcpServerKey)) {
    issues.push(`mcpServerKey ${JSON.stringify(input.mcpServerKey)} must be a config key of letters, digits, '.', '_' or '-'`)
  }
  input.facts.forEach((fact, i) => {
    const where = `facts[${i}] (${JSON.stringify(fact.label)})`
    if (!ONE_LINE.test(fact.label) || fact.label.includes(':')) issues.push(`${where}: label must be one non-empty line without ':'`)
    if (fact.value) {
      if (!ONE_LINE.test(fact.value)) issues.push(`${where}: value must be one line`)
    } else if (!isPlaceholder(fact.placeholder)) {
      issues.push(`${where}: no value, and placeholder ${JSON.stringify(fact.placeholder)} is not in the '<what: fill in, e.g. example>' form doctor detects`)
    }
  })
  if (issues.length > 0) throw new InternalError(`invalid steering input for ${JSON.stringify(input.skill)}:\n- ${issues.join('\n- ')}`)
  return input.fallback
}
