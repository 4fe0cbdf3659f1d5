/**
 * Every MCP server flag a skill text shows must exist in the pinned version of its server, unless the text marks it
 * as a flag of a later release. Markers (the version must be newer than the pin and must have the flag):
 * - on the line:            `--privilege_check` [later: 1.2.0]
 * - on a heading:           ### With 1.2.0 [later: 1.2.0]   (covers the section, down to the next heading of its level)
 * - in a code fence's info: ```bash later=1.2.0
 * Flags the catalog lists as removed before the pin (`--readonly`, `--resource_arn` ...) may be named without a
 * marker: skills name them so agents recognise and convert old configurations.
 */
import { flagAvailability, versionLte, type McpServerSpec } from './catalog.js'

export interface FlagProblem {
  line: number
  flag: string
  message: string
}

const TOKEN = /(?<![\w-])--[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*/g
const LINE_MARK = /\[later: (\d+\.\d+\.\d+)\]/
const FENCE_MARK = /\blater=(\d+\.\d+\.\d+)\b/
const FENCE = /^\s{0,3}(`{3,}|~{3,})(.*)$/
const HEADING = /^(#{1,6})\s/

/** Flag names any of `servers` ever had or will have, as far as the catalog knows. */
function universe(servers: readonly McpServerSpec[]): Set<string> {
  return new Set(servers.flatMap((s) => [...s.flags, ...s.laterFlags, ...s.removedFlags].map((f) => f.name)))
}

/** One token judged against the servers the text is about: undefined when it is fine. */
function judge(flag: string, servers: readonly McpServerSpec[], later: string | undefined): string | undefined {
  const at = servers.map((s) => ({ s, a: flagAvailability(s, s.version, flag) }))
  if (at.some(({ a }) => a.kind === 'present')) return undefined
  const pins = servers.map((s) => `${s.package} ${s.version}`).join(', ')
  if (later !== undefined) {
    const newer = servers.filter((s) => !versionLte(later, s.version))
    if (newer.length === 0) return `marked [later: ${later}], but ${pins} is not older than ${later}: the pin moved, so update the text`
    if (newer.some((s) => flagAvailability(s, later, flag).kind === 'present')) return undefined
    const known = servers.flatMap((s) => s.laterFlags.filter((f) => f.name === flag).map((f) => `${s.package} ${f.since}`))
    return known.length
      ? `marked [later: ${later}], but the catalog has ${flag} only from ${known.join(', ')}`
      : `marked [later: ${later}], but no catalog server lists ${flag} as a later flag (add it to laterFlags with its evidence)`
  }
  if (at.some(({ a }) => a.kind === 'removed')) return undefined
  if (at.some(({ a }) => a.kind === 'later')) return `${flag} is not in ${pins}; mark it as a later-release flag ([later: <version>]) or remove it`
  return `${flag} is not a flag of ${pins}`
}

/**
 * Problems in one Markdown text about `servers` (one server for a skill's own files, all of them for a shared
 * reference). A token counts as a server flag when a catalog server knows the name or it is snake_case (the AWS CLI
 * and other tools spell options in kebab-case); other tokens (`--region` of the AWS CLI is also a server flag) pass.
 */
export function checkFlagMentions(text: string, servers: readonly McpServerSpec[]): FlagProblem[] {
  const known = universe(servers)
  const problems: FlagProblem[] = []
  let fence: { marker: string; later?: string } | undefined
  const headings: { level: number; later?: string }[] = []
  text.split(/\r?\n/).forEach((line, i) => {
    const f = FENCE.exec(line)
    if (f) {
      if (!fence) { fence = { marker: f[1]!, later: FENCE_MARK.exec(f[2]!)?.[1] }; return }
      if (line.trim().startsWith(fence.marker)) { fence = undefined; return }
    }
    const h = fence ? null : HEADING.exec(line)
    if (h) {
      const level = h[1]!.length
      while (headings.length && headings[headings.length - 1]!.level >= level) headings.pop()
      headings.push({ level, later: LINE_MARK.exec(line)?.[1] })
    }
    const later = LINE_MARK.exec(line)?.[1] ?? fence?.later ?? [...headings].reverse().find((x) => x.later)?.later
    for (const m of line.matchAll(TOKEN)) {
      const flag = m[0]
      if (!known.has(flag) && !flag.includes('_')) continue
      const message = judge(flag, servers, later)
      if (message) problems.push({ line: i + 1, flag, message })
    }
  })
  return problems
}
