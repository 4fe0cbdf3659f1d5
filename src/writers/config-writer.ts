/**
 * The interface every MCP config format implements (mcp-json.ts for JSON/JSONC, mcp-toml.ts for Codex TOML), next to
 * the text-editing code that implements it. `writerFor` picks one by the client table's `format` and loads it on
 * demand, so an install that touches no Codex config never loads the TOML parser.
 */
import type { ConfigConflict } from './json-text.js'

export type { ConfigConflict } from './json-text.js'

/** The file formats a client config can have (src/mcp/clients.ts `format`). */
export type ConfigFormat = 'json' | 'toml'

export interface UpsertResult {
  content: string
  /** Keys of topKeyPath this call had to create (outermost first); pass them to removeServer as `created`. */
  created: string[]
}

export interface RemoveResult {
  content: string
  /** True when the document is left holding no data and no comments (only `{}` or empty containers). */
  empty: boolean
}

export interface McpConfigWriter {
  /** A conflict (line, column, message) when the text cannot be edited; undefined when it can. */
  check(text: string, topKeyPath: readonly string[], file?: string): ConfigConflict | undefined
  upsertServer(existingText: string | undefined, topKeyPath: readonly string[], name: string, entry: object): UpsertResult
  removeServer(existingText: string, topKeyPath: readonly string[], name: string, opts?: { created?: readonly string[] }): RemoveResult
  readServer(existingText: string, topKeyPath: readonly string[], name: string): unknown
}

const LOADERS: Record<ConfigFormat, () => Promise<McpConfigWriter>> = {
  json: async () => (await import('./mcp-json.js')).jsonWriter,
  toml: async () => (await import('./mcp-toml.js')).tomlWriter,
}

/** How strictly a client reads its file (src/mcp/clients.ts `readers`, `syntax`, `syntaxError`). */
export interface Strictness {
  readers: readonly string[]
  syntax: string
  syntaxError?: string
}

/** The message for a file a strict reader rejects; `what` is "a comment" or "a trailing comma ...". */
export function strictJsonMessage(client: Strictness, what: string): string {
  const as = client.syntax === 'json' ? 'strict JSON' : 'JSON with comments but no trailing commas'
  const verb = client.readers.length > 1 ? 'read' : 'reads'
  return `${client.readers.join(', ')} ${verb} this file as ${as}, and with ${what} here ${client.readers[0]} ${client.syntaxError ?? 'cannot read it'}; fix it by hand (dbskills never strips your comments)`
}

/**
 * The writer for a client's file. `check` reads the file as the client does: where a reader needs strict JSON
 * (Claude Code's .mcp.json), a comment or trailing comma is a conflict, because that client would load no server
 * from the file; dbskills never strips the user's comments.
 */
export async function writerFor(client: { format: ConfigFormat } & Partial<Strictness>): Promise<McpConfigWriter> {
  const writer = await LOADERS[client.format]()
  if ((client.syntax !== 'json' && client.syntax !== 'json-comments') || !client.readers) return writer
  const { strictJsonProblem } = await import('./json-text.js')
  const strict: Strictness = { readers: client.readers, syntax: client.syntax, ...(client.syntaxError ? { syntaxError: client.syntaxError } : {}) }
  return {
    ...writer,
    check(text, topKeyPath, file) {
      const loose = writer.check(text, topKeyPath, file)
      if (loose) return loose
      const problem = strictJsonProblem(text, { comments: strict.syntax === 'json-comments' })
      return problem && { ...problem, ...(file === undefined ? {} : { file }), message: strictJsonMessage(strict, problem.message) }
    },
  }
}
