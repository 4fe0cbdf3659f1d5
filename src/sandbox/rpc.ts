/**
 * MCP over stdio, written by hand: newline-delimited JSON-RPC 2.0 with initialize, ping, tools/list and
 * tools/call. The official SDK would add ~29 MB and 97 packages to what users install, for four methods; the
 * tests drive this server with the official SDK client, so the protocol is checked against the real thing.
 */
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { SANDBOX_NOTE, toolSpecs } from './tool-specs.js'
import { callTool, type SandboxState } from './tools.js'

const SUPPORTED = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']

interface Request {
  jsonrpc?: string
  id?: string | number | null
  method?: string
  params?: Record<string, unknown>
}

export interface ServerInfo {
  name: string
  version: string
}

/** Serves until `input` ends; tool calls run one at a time, as they share one database session. */
export function serveStdio(state: SandboxState, info: ServerInfo, input: Readable, output: Writable): Promise<void> {
  const send = (msg: unknown) => { output.write(`${JSON.stringify(msg)}\n`) }
  let queue: Promise<unknown> = Promise.resolve()

  async function answer(req: Request): Promise<unknown> {
    switch (req.method) {
      case 'initialize': {
        const asked = String(req.params?.protocolVersion ?? '')
        return {
          protocolVersion: SUPPORTED.includes(asked) ? asked : SUPPORTED[0],
          capabilities: { tools: { listChanged: false } },
          serverInfo: info,
          instructions: `Aurora DSQL MCP server tools (readonly_query, transact, get_schema, dsql_lint and the documentation tools) on a local rehearsal database. ${SANDBOX_NOTE}`,
        }
      }
      case 'ping':
        return {}
      case 'tools/list':
        return { tools: toolSpecs(state.allowWrites) }
      case 'tools/call': {
        const run = queue.then(() => callTool(state, String(req.params?.name ?? ''), req.params?.arguments ?? {}))
        queue = run.catch(() => undefined)
        return run
      }
      default:
        throw Object.assign(new Error(`Method not found: ${req.method}`), { rpcCode: -32601 })
    }
  }

  return new Promise((resolve) => {
    const lines = createInterface({ input, crlfDelay: Infinity })
    const pending = new Set<Promise<void>>()
    lines.on('line', (line) => {
      if (!line.trim()) return
      let req: Request
      try {
        req = JSON.parse(line) as Request
      } catch {
        send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
        return
      }
      if (req.id === undefined || req.id === null) return // a notification (initialized, cancelled): nothing to answer
      const p = answer(req)
        .then((result) => send({ jsonrpc: '2.0', id: req.id, result }))
        .catch((e: Error & { rpcCode?: number }) => send({ jsonrpc: '2.0', id: req.id, error: { code: e.rpcCode ?? -32603, message: e.message } }))
        .finally(() => pending.delete(p))
      pending.add(p)
    })
    lines.on('close', () => { void Promise.all(pending).then(() => resolve()) })
  })
}
