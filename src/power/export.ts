/**
 * A Kiro power built from a skill (AGENT-CONVENTIONS §2.4): POWER.md (front matter name, displayName,
 * description, keywords, author; a body that routes to each steering file), mcp.json, and steering/ holding the
 * skill's SKILL.md body and references as real files. Pure: returns the files; the command writes them.
 */
import type { McpServerSpec } from '../mcp/catalog.js'
import type { McpClientSpec } from '../mcp/clients.js'
import { buildEntry, type HostInfo } from '../mcp/entry.js'
import type { McpOptions } from '../mcp/options.js'
import { upsertServer } from '../writers/mcp-json.js'
import { yamlString } from '../writers/steering-md.js'

export interface PowerSource {
  name: string
  title: string
  description: string
  keywords: readonly string[]
  /** SKILL.md text (with front matter). */
  skillMd: string
  /** references/<file>.md -> text. */
  references: ReadonlyMap<string, string>
}

/** "when you are about to X | [references/y.md]" rows of SKILL.md's routing table: file -> guidance. */
export function routingGuidance(skillMd: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of skillMd.split(/\r?\n/)) {
    if (!line.startsWith('|')) continue
    const cells = line.split('|').slice(1, -1).map((c) => c.trim())
    if (cells.length < 2) continue
    for (const m of cells.slice(1).join(' ').matchAll(/\]\(references\/([^)#\s]+\.md)\)/g)) if (!out.has(m[1]!)) out.set(m[1]!, cells[0]!)
  }
  return out
}

const body = (md: string) => md.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '')

/** The power's files, relative to the output dir. */
export function buildPower(src: PowerSource, server: McpServerSpec | undefined, options: McpOptions, kiro: McpClientSpec, host: HostInfo): Map<string, string> {
  const files = new Map<string, string>()
  // steering/ is flat: SKILL.md's references/x.md links become x.md, references' ../SKILL.md becomes overview.md.
  files.set('steering/overview.md', body(src.skillMd).replace(/\]\(references\//g, ']('))
  for (const [file, text] of src.references) files.set(`steering/${file}`, text.replace(/\]\(\.\.\/SKILL\.md/g, '](overview.md'))
  const guidance = routingGuidance(src.skillMd)
  const lines = [
    '---',
    `name: ${yamlString(`dbskills-${src.name}`)}`,
    `displayName: ${yamlString(src.title)}`,
    `description: ${yamlString(src.description)}`,
    `keywords: [${src.keywords.map(yamlString).join(', ')}]`,
    `author: ${yamlString('dbskills')}`,
    '---',
    '',
    `# ${src.title}`,
    '',
    `Exported by dbskills from its \`${src.name}\` skill. Load the steering files below with this power's steering tool.`,
    '',
    '## Always',
    '',
    '- **MUST load `steering/overview.md` first**: the MCP tools with exact names and parameters, the rules that must never be broken, and where to go next.',
    '',
    '## Load when the task calls for it',
    '',
    ...[...src.references.keys()].sort().map((f) => `- \`steering/${f}\`: load when you are about to ${guidance.get(f) ?? 'work on the topic its title names'}.`),
    '',
  ]
  if (server) {
    lines.push('## MCP server', '', `\`${server.key}\` (${server.package} ${server.version}), read-only unless the power's mcp.json passes ${server.writeFlag ?? 'its write flag'}. Tool names and parameters are in steering/overview.md.`, '')
    files.set('mcp.json', upsertServer(undefined, kiro.topKeyPath, server.key, buildEntry(server, options, kiro, host)).content)
  }
  files.set('POWER.md', lines.join('\n'))
  return files
}
