/**
 * The config writer a client's file needs, chosen by the client table's `format`: one interface for the planner.
 * Loaded on demand, so an install that touches no Codex config never loads the TOML parser. `check` reads the file
 * as the client does: where a reader needs strict JSON (Claude Code's .mcp.json), a comment or trailing comma is a
 * conflict, because that client would load no server from the file; dbskills never strips the user's comments.
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

type Strictness = Pick<McpClientSpec, 'readers' | 'syntax' | 'syntaxError'>

/** The message for a file a strict reader rejects; `what` is "a comment" or "a trailing comma ...". */
export function strictJsonMessage(client: Strictness, what: string): string {
  const as = client.syntax === 'json' ? 'strict JSON' : 'JSON with comments but no trailing commas'
  const verb = client.readers.length > 1 ? 'read' : 'reads'
  return `${client.readers.join(', ')} ${verb} this file as ${as}, and with ${what} here ${client.readers[0]} ${client.syntaxError ?? 'cannot read it'}; fix it by hand (dbskills never strips your comments)`
}

export async function writerFor(client: Pick<McpClientSpec, 'format'> & Partial<Strictness>): Promise<McpConfigWriter> {
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
