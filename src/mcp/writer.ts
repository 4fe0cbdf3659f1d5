/**
 * The config writer a client's file needs, chosen by the client table's `format`: one interface for the planner.
 */
import * as json from '../writers/mcp-json.js'
import type { ConfigConflict, RemoveResult, UpsertResult } from '../writers/mcp-json.js'
import * as toml from '../writers/mcp-toml.js'
import type { McpClientSpec } from './clients.js'

export interface McpConfigWriter {
  /** A conflict (line, column, message) when the text cannot be edited; undefined when it can. */
  check(text: string, topKeyPath: readonly string[], file?: string): ConfigConflict | undefined
  upsertServer(existingText: string | undefined, topKeyPath: readonly string[], name: string, entry: object): UpsertResult
  removeServer(existingText: string, topKeyPath: readonly string[], name: string, opts?: { created?: readonly string[] }): RemoveResult
  readServer(existingText: string, topKeyPath: readonly string[], name: string): unknown
}

const WRITERS: Record<McpClientSpec['format'], McpConfigWriter> = {
  json: { check: json.checkJson, upsertServer: json.upsertServer, removeServer: json.removeServer, readServer: json.readServer },
  toml: { check: toml.checkToml, upsertServer: toml.upsertServer, removeServer: toml.removeServer, readServer: toml.readServer },
}

export function writerFor(client: Pick<McpClientSpec, 'format'>): McpConfigWriter {
  return WRITERS[client.format]
}
