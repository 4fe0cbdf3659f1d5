/**
 * Drives `dbskills sandbox dsql` (the built CLI) over real MCP stdio with the official TypeScript SDK client.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN } from './cli.js'

export interface Answer {
  isError: boolean
  text: string
  rows: Record<string, unknown>[]
  raw: unknown
}

export interface SandboxSession {
  client: Client
  call(name: string, args: Record<string, unknown>): Promise<Answer>
  transact(sqlList: string[], paramsList?: Array<unknown[] | null>): Promise<Answer>
  query(sql: string, params?: unknown[]): Promise<Answer>
  close(): Promise<void>
  stderr(): string
}

export async function startSandbox(projectDir: string, flags: string[] = ['--allow-writes']): Promise<SandboxSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'sandbox', 'dsql', '--dir', projectDir, ...flags],
    env: { PATH: process.env.PATH ?? '', HOME: projectDir, NO_COLOR: '1' },
    cwd: projectDir,
    stderr: 'pipe',
  })
  let err = ''
  transport.stderr?.on('data', (d: Buffer) => { err += d.toString() })
  const client = new Client({ name: 'dbskills-test', version: '1.0.0' })
  await client.connect(transport)
  const call = async (name: string, args: Record<string, unknown>): Promise<Answer> => {
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })
    const content = (r.content ?? []) as Array<{ type: string; text?: string }>
    const structured = r.structuredContent as { result?: Record<string, unknown>[] } | undefined
    return { isError: !!r.isError, text: content.map((c) => c.text ?? '').join('\n'), rows: structured?.result ?? [], raw: r }
  }
  return {
    client,
    call,
    transact: (sqlList, paramsList) => call('transact', paramsList ? { sql_list: sqlList, params_list: paramsList } : { sql_list: sqlList }),
    query: (sql, params) => call('readonly_query', params ? { sql, params } : { sql }),
    close: () => client.close(),
    stderr: () => err,
  }
}
