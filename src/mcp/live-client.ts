/**
 * The smallest MCP client that answers "which tools does this server offer": start the server as its client would,
 * speak JSON-RPC over stdio (`initialize`, `notifications/initialized`, `tools/list` with its cursor), stop it.
 * It never calls a tool.
 *
 * Hand-written rather than @modelcontextprotocol/sdk: the stdio transport is one JSON message per line
 * (modelcontextprotocol.io, specification 2025-06-18, Transports > stdio), we need two requests, and the SDK would
 * add ~97 packages (express, hono, ajv; knowledge/DEPENDENCIES.md) to every `npx dbskills` install for them.
 */
import { spawn } from 'node:child_process'

export interface Launch {
  command: string
  args: string[]
  /** The complete child environment. */
  env: Record<string, string>
  cwd: string
}

export interface LiveTool {
  name: string
  params: string[]
  required: string[]
}

export interface ServerInfo { name?: string; version?: string }

export type ListResult =
  | { ok: true; serverInfo: ServerInfo; protocolVersion?: string; tools: LiveTool[] }
  | { ok: false; failure: 'spawn' | 'exit' | 'timeout' | 'protocol'; message: string; stderr: string }

const PROTOCOL_VERSION = '2025-06-18'
const MAX_PAGES = 50

type Message = { id?: number | string; method?: string; result?: unknown; error?: { code?: number; message?: string } }

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

/** A tool of a tools/list result: parameter names from inputSchema.properties, required from inputSchema.required. */
export function toLiveTool(raw: unknown): LiveTool | undefined {
  const t = asRecord(raw)
  if (typeof t.name !== 'string') return undefined
  const schema = asRecord(t.inputSchema)
  const params = Object.keys(asRecord(schema.properties))
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []
  return { name: t.name, params, required }
}

/** Start the server, list its tools, stop it. Every outcome is a value; nothing throws. */
export function listTools(launch: Launch, opts: { timeoutMs: number; clientVersion: string }): Promise<ListResult> {
  return new Promise((resolve) => {
    let stderr = ''
    let buffer = ''
    let settled = false
    let nextId = 1
    const pending = new Map<number, (m: Message) => void>()

    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd, env: launch.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true,
      // Its own process group, so stopping it also stops what it started (uvx runs python, docker its client).
      detached: process.platform !== 'win32',
    })

    const stop = () => {
      child.stdin.end()
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
      try {
        if (process.platform === 'win32') child.kill()
        else process.kill(-child.pid, 'SIGTERM')
      } catch { /* already gone */ }
      const pid = child.pid
      setTimeout(() => { try { if (child.exitCode === null && child.signalCode === null) process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL') } catch { /* gone */ } }, 2000).unref()
    }
    const finish = (r: ListResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      stop()
      resolve(r)
    }
    const fail = (failure: 'spawn' | 'exit' | 'timeout' | 'protocol', message: string) => finish({ ok: false, failure, message, stderr })

    const timer = setTimeout(() => fail('timeout', `no answer within ${Math.round(opts.timeoutMs / 100) / 10} s`), opts.timeoutMs)

    const send = (m: object) => { if (!child.stdin.destroyed) child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`) }
    const request = (method: string, params: object) => new Promise<Message>((res) => {
      const id = nextId++
      pending.set(id, res)
      send({ id, method, params })
    })

    const onMessage = (m: Message) => {
      if (m.method !== undefined) {
        // A request from the server: answer ping, refuse the rest (we offer no capabilities). Notifications: ignore.
        if (m.id !== undefined) send(m.method === 'ping' ? { id: m.id, result: {} } : { id: m.id, error: { code: -32601, message: `dbskills does not support ${m.method}` } })
        return
      }
      if (typeof m.id === 'number' && pending.has(m.id)) { const res = pending.get(m.id)!; pending.delete(m.id); res(m) }
    }

    child.on('error', (err) => fail('spawn', `could not start ${launch.command}: ${err.message}`))
    child.on('close', (code, signal) => fail('exit', `exited before answering (${signal ? `signal ${signal}` : `status ${code}`})`))
    child.stdin.on('error', () => { /* EPIPE when it exits early; the exit handler reports it */ })
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-4000) })
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffer += d
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim()
        buffer = buffer.slice(nl + 1)
        if (!line) continue
        let m: unknown
        try { m = JSON.parse(line) } catch { return fail('protocol', 'wrote something that is not JSON-RPC on stdout') }
        onMessage(asRecord(m) as Message)
      }
    })

    void (async () => {
      const init = await request('initialize', { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'dbskills', version: opts.clientVersion } })
      if (init.error) return fail('protocol', `initialize failed: ${init.error.message ?? 'error'}`)
      const result = asRecord(init.result)
      const info = asRecord(result.serverInfo)
      send({ method: 'notifications/initialized' })
      const tools: LiveTool[] = []
      let cursor: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await request('tools/list', cursor ? { cursor } : {})
        if (res.error) return fail('protocol', `tools/list failed: ${res.error.message ?? 'error'}`)
        const r = asRecord(res.result)
        if (!Array.isArray(r.tools)) return fail('protocol', 'tools/list returned no tools array')
        for (const t of r.tools) { const tool = toLiveTool(t); if (tool) tools.push(tool) }
        cursor = typeof r.nextCursor === 'string' && r.nextCursor ? r.nextCursor : undefined
        if (!cursor) break
      }
      finish({
        ok: true,
        serverInfo: { ...(typeof info.name === 'string' ? { name: info.name } : {}), ...(typeof info.version === 'string' ? { version: info.version } : {}) },
        ...(typeof result.protocolVersion === 'string' ? { protocolVersion: result.protocolVersion } : {}),
        tools,
      })
    })()
  })
}
