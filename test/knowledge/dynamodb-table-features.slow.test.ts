/**
 * The DynamoDB skill's table-feature references (vector search, global tables, transactional outbox, zero-ETL):
 * - every ```json request=<Operation> fence and every ```json transact-items fence is type-checked against the
 *   input types of @aws-sdk/client-dynamodb (pinned in devDependencies), with a negative control;
 * - the vector-index rules the text states (on-demand, search-schema attributes declared, vector length equals
 *   Dimensions, TopK 1..100, `=` only, the HASH search key always named) are checked on those requests;
 * - what dynalite can run, runs: the table without its vector index and the PutItem carrying an embedding; and the
 *   rule "a non-key AttributeDefinition fails CreateTable" is shown on dynalite.
 * - every `aws ...` line in their bash fences is parsed and validated by the real AWS CLI against a dead endpoint.
 * Vector indexes, SearchVectors, transactions, streams, replication and integrations cannot run locally (dynalite and
 * DynamoDB Local have none of them): those requests are shape-checked only, as the references say.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences } from '../../src/knowledge/markdown.js'
import { awsCliVersion, checkAwsCommands, shellCommands } from '../helpers/aws-cli.js'
import { startDynalite, DynamoError, type LocalDynamo } from '../helpers/dynalite.js'
import { typecheckRequests, type TypedRequest } from '../helpers/sdk-typecheck.js'

const ROOT = join(import.meta.dirname, '../..')
const REFS = join(ROOT, 'skills/dynamodb/references')
const FILES = ['vector-search.md', 'global-tables.md', 'transactional-outbox.md', 'zero-etl-integrations.md']

type Obj = Record<string, any>
interface Req extends TypedRequest { body: Obj }

let requests: Req[] = []
let bashCommands: Array<{ where: string; command: string }> = []
let ddb: LocalDynamo

beforeAll(async () => {
  for (const file of FILES) {
    for (const f of await codeFences(await readFile(join(REFS, file), 'utf8'))) {
      const where = `${file}:${f.line}`
      const op = /^request=(\w+)$/.exec(f.meta.trim())?.[1]
      if (f.lang === 'json' && op) requests.push({ where, operation: op, body: JSON.parse(f.value) as Obj })
      if (f.lang === 'json' && f.meta.trim() === 'transact-items') requests.push({ where, operation: 'TransactWriteItems', body: { TransactItems: JSON.parse(f.value) } })
      if (f.lang === 'bash') for (const command of shellCommands(f.value)) bashCommands.push({ where, command })
    }
  }
  ddb = await startDynalite()
})
afterAll(async () => ddb?.close())

const byOp = (op: string) => requests.filter((r) => r.operation === op)
const vectorTable = () => byOp('CreateTable').find((r) => r.body.VectorIndexes)!.body

/** Every way a CreateTable/UpdateTable breaks the vector-index rules of vector-search.md. */
function vectorIndexIssues(req: Obj): string[] {
  const out: string[] = []
  const defs = new Set<string>((req.AttributeDefinitions ?? []).map((d: Obj) => d.AttributeName))
  const indexes: Obj[] = [...(req.VectorIndexes ?? []), ...(req.VectorIndexUpdates ?? []).map((u: Obj) => u.Create).filter(Boolean)]
  if (req.VectorIndexes && req.BillingMode !== 'PAY_PER_REQUEST') out.push('vector indexes need an on-demand table')
  for (const ix of indexes) {
    const schema: Obj[] = ix.SearchSchema ?? []
    for (const s of schema) if (!defs.has(s.AttributeName)) out.push(`${s.AttributeName} is in SearchSchema but not in AttributeDefinitions`)
    if (schema.filter((s) => s.SearchSchemaElementType === 'HASH').length > 1) out.push('more than one HASH search key')
    if (defs.has(ix.VectorAttribute.AttributeName)) out.push('the vector attribute must not be in AttributeDefinitions')
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(ix.IndexName)) out.push(`bad IndexName ${ix.IndexName}`)
  }
  return out
}

/** Every way a SearchVectors request breaks the rules, given the index it searches. */
function searchIssues(req: Obj, index: Obj): string[] {
  const out: string[] = []
  if (!Number.isInteger(req.TopK) || req.TopK < 1 || req.TopK > 100) out.push('TopK must be 1..100')
  if (req.SearchVector.length !== index.Dimensions) out.push(`SearchVector has ${req.SearchVector.length} values, index has ${index.Dimensions}`)
  const cond: string = req.SearchConditionExpression ?? ''
  if (/<|>|\bbetween\b|\bin\s*\(|<>|begins_with/i.test(cond)) out.push('only = is supported in SearchConditionExpression')
  for (const s of index.SearchSchema ?? []) {
    if (s.SearchSchemaElementType === 'HASH' && !new RegExp(`\\b${s.AttributeName}\\s*=`).test(cond)) out.push(`the HASH search key ${s.AttributeName} must be in SearchConditionExpression`)
  }
  return out
}

describe('dynamodb table-feature references: requests match the SDK input types', () => {
  it('finds the documented requests', () => {
    expect(requests.map((r) => r.operation).sort()).toEqual(['CreateTable', 'PutItem', 'SearchVectors', 'TransactWriteItems', 'UpdateTable', 'UpdateTable'])
  })

  it('type-checks every request against @aws-sdk/client-dynamodb, and the check catches a wrong member name', async () => {
    const wrong: Req[] = [
      { where: 'control:QueryVector', operation: 'SearchVectors', body: { TableName: 't', IndexName: 'ix', QueryVector: [{ N: '1' }], TopK: 1 } },
      { where: 'control:DistanceMetric', operation: 'CreateTable', body: { ...vectorTable(), VectorIndexes: [{ ...vectorTable().VectorIndexes[0], DistanceFunction: 'L2' }] } },
    ]
    const errors = await typecheckRequests(ROOT, '@aws-sdk/client-dynamodb', [...requests, ...wrong])
    expect([...errors.keys()].sort()).toEqual(['control:DistanceMetric', 'control:QueryVector'])
  }, 120_000)
})

describe('vector-search.md: the stated rules hold for its own requests', () => {
  it('the table and the index update follow the vector-index rules, and the rule check catches each broken rule', () => {
    for (const r of [...byOp('CreateTable'), ...byOp('UpdateTable')]) expect(vectorIndexIssues(r.body), r.where).toEqual([])
    const t = vectorTable()
    expect(vectorIndexIssues({ ...t, BillingMode: 'PROVISIONED' })).toContain('vector indexes need an on-demand table')
    expect(vectorIndexIssues({ ...t, AttributeDefinitions: t.AttributeDefinitions.filter((d: Obj) => d.AttributeName !== 'lang') })).toContain('lang is in SearchSchema but not in AttributeDefinitions')
  })

  it('the search and the item fit the index: dimensions, TopK, equality on the HASH search key', () => {
    const index = vectorTable().VectorIndexes[0]
    for (const r of byOp('SearchVectors')) expect(searchIssues(r.body, index), r.where).toEqual([])
    const search = byOp('SearchVectors')[0]!.body
    expect(searchIssues({ ...search, TopK: 101 }, index)).toContain('TopK must be 1..100')
    expect(searchIssues({ ...search, SearchConditionExpression: 'lang = :l' }, index).join()).toMatch(/HASH search key tenant_id/)
    expect(searchIssues({ ...search, SearchConditionExpression: 'tenant_id = :t AND lang > :l' }, index)).toContain('only = is supported in SearchConditionExpression')
    for (const r of byOp('PutItem')) expect(r.body.Item[index.VectorAttribute.AttributeName].L).toHaveLength(index.Dimensions)
  })

  it('on dynalite: the table without its vector index is created and the PutItem with an embedding round-trips', async () => {
    const t = vectorTable()
    const keys = new Set(t.KeySchema.map((k: Obj) => k.AttributeName))
    const plain = { ...t, VectorIndexes: undefined, AttributeDefinitions: t.AttributeDefinitions.filter((d: Obj) => keys.has(d.AttributeName)) }
    await ddb.call('CreateTable', plain)
    const put = byOp('PutItem')[0]!.body
    await ddb.call('PutItem', put)
    const got = await ddb.call<{ Item: Obj }>('GetItem', { TableName: put.TableName, Key: { article_id: put.Item.article_id } })
    expect(got.Item).toEqual(put.Item)
    // Rule 5 as dynalite enforces it for ordinary tables: an AttributeDefinition no key uses fails CreateTable.
    // (Real DynamoDB also accepts the attributes of a vector index's SearchSchema there; that cannot run here.)
    const err = await ddb.call('CreateTable', { ...t, TableName: 'WithExtraDefs', VectorIndexes: undefined }).then(() => null, (e: unknown) => e)
    expect(err instanceof DynamoError && err.type.endsWith('ValidationException')).toBe(true)
  })
})

describe('AWS CLI lines in the table-feature references', () => {
  const version = awsCliVersion()
  it.skipIf(!version)(`are accepted by the real AWS CLI (${version ?? 'aws not on PATH: skipped'})`, async () => {
    expect(bashCommands.length).toBeGreaterThanOrEqual(4)
    // Negative controls, last: an option the command does not have, and a parameter of the wrong shape.
    const controls = ['aws dynamodb update-table --table-name Orders --replica-creates x', 'aws dynamodb update-table --table-name Orders --replica-updates \'[{"Add": {"RegionName": "eu-west-1"}}]\'']
    const outcomes = await checkAwsCommands([...bashCommands.map((c) => c.command), ...controls])
    const docs = outcomes.slice(0, bashCommands.length)
    expect(docs.filter((o) => !o.wellFormed).map((o) => `${o.command}\n${o.output}`)).toEqual([])
    expect(outcomes.slice(bashCommands.length).map((o) => o.wellFormed)).toEqual([false, false])
  }, 120_000)
})
