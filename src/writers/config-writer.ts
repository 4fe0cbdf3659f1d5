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

export function writerFor(client: { format: ConfigFormat }): Promise<McpConfigWriter> {
  return LOADERS[client.format]()
}
