/**
 * The config writer a client's file needs, chosen by the client table's `format`: one interface for the planner.
 * Loaded on demand, so an install that touches no Codex config never loads the TOML parser.
 */
import type { ConfigConflict, RemoveResult, UpsertResult } from '../writers/mcp-json.js'
import type { McpClientSpec } from './clients.js'

export interface McpConfigWriter {
  /** A conflict (line, column, message) when the text cannot be edited; undefined when it can. */
  check(text: string, topKeyPath: readonly string[], file?: string): ConfigConflict | undefined
  upsertServer(existingText: string | undefined, topKeyPath: readonly string[], name: string, entry: object): UpsertResult
  removeServer(existingText: string, topKeyPath: readonly string[], name: string, opts?: { created?: readonly string[] }): RemoveResult
  readServer(existingText: string, topKeyPath: readonly string[], name: string): unknown
}

const LOADERS: Record<McpClientSpec['format'], () => Promise<McpConfigWriter>> = {
  json: async () => {
    const m = await import('../writers/mcp-json.js')
    return { check: m.checkJson, upsertServer: m.upsertServer, removeServer: m.removeServer, readServer: m.readServer }
  },
  toml: async () => {
    const m = await import('../writers/mcp-toml.js')
    return { check: m.checkToml, upsertServer: m.upsertServer, removeServer: m.removeServer, readServer: m.readServer }
  },
}

export function writerFor(client: Pick<McpClientSpec, 'format'>): Promise<McpConfigWriter> {
  return LOADERS[client.format]()
}
