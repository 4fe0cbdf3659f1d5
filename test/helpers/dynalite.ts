/**
 * An in-process DynamoDB (dynalite) for tests, spoken to with plain fetch and the DynamoDB JSON protocol,
 * so the skill's examples run against a real request/response cycle rather than a mock.
 */
import { createRequire } from 'node:module'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server

// dynalite ships no type declarations; load it through require so the test tree needs no ambient module file.
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory

/** A DynamoDB error response: `__type` names the exception (e.g. ...#ValidationException). */
export class DynamoError extends Error {
  constructor(
    readonly operation: string,
    readonly type: string,
    message: string,
  ) {
    super(`${operation}: ${type.split('#').pop() ?? type}: ${message}`)
  }
}

export interface LocalDynamo {
  endpoint: string
  /** One DynamoDB API call, e.g. call('Query', { TableName, KeyConditionExpression, ... }). */
  call<T = Record<string, unknown>>(operation: string, body: object): Promise<T>
  close(): Promise<void>
}

/** Starts dynalite on 127.0.0.1 with an ephemeral port; tables are usable as soon as CreateTable returns. */
export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const endpoint = `http://127.0.0.1:${port}`

  async function call<T>(operation: string, body: object): Promise<T> {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        'x-amz-date': '20260101T000000Z',
        // dynalite checks that a SigV4-shaped header is present, not that the signature is valid.
        authorization:
          'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: JSON.stringify(body),
    })
    const text = await res.text()
    const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>
    if (!res.ok) throw new DynamoError(operation, String(json.__type ?? res.status), String(json.message ?? json.Message ?? text))
    return json as T
  }

  return {
    endpoint,
    call,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  }
}
