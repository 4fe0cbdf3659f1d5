/**
 * The DynamoDB skill's `dynamodb_data_model.json` examples: each must satisfy the format the skill documents
 * (references/data-model-json.md), and each access pattern's AWS CLI `implementation` is translated to a
 * DynamoDB API call and run against an in-process dynalite, in file order, after creating the example's
 * tables and loading its items. Results must match the "what each pattern returns" table next to the JSON.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFences } from '../../src/knowledge/markdown.js'
import { startDynalite, DynamoError, type LocalDynamo } from '../helpers/dynalite.js'

const SKILL = join(import.meta.dirname, '../../skills/dynamodb')

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

// ---- the documented format (references/data-model-json.md), as a validator -------------------------------

const OPERATIONS: Record<string, string> = {
  Query: 'query', Scan: 'scan', GetItem: 'get-item', PutItem: 'put-item', UpdateItem: 'update-item',
  DeleteItem: 'delete-item', BatchGetItem: 'batch-get-item', BatchWriteItem: 'batch-write-item',
  TransactGetItems: 'transact-get-items', TransactWriteItems: 'transact-write-items',
}
const NAME = /^[A-Za-z0-9_.-]{3,255}$/
const TYPE_TAGS = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'BOOL', 'NULL']

function keySchemaIssues(ks: Json | undefined, at: string): string[] {
  if (!Array.isArray(ks) || ks.length < 1 || ks.length > 2) return [`${at}: KeySchema needs 1 or 2 elements`]
  const out: string[] = []
  ks.forEach((k, i) => {
    if (!isObj(k) || typeof k.AttributeName !== 'string') out.push(`${at}[${i}]: AttributeName missing`)
    else if (k.KeyType !== (i === 0 ? 'HASH' : 'RANGE')) out.push(`${at}[${i}]: KeyType must be ${i === 0 ? 'HASH' : 'RANGE'}`)
  })
  return out
}

function attributeValueIssues(v: Json, at: string): string[] {
  if (!isObj(v) || Object.keys(v).length !== 1) return [`${at}: needs exactly one type tag`]
  const [tag, val] = Object.entries(v)[0] as [string, Json]
  const strs = (x: Json) => Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string') && new Set(x).size === x.length
  const ok: Record<string, (x: Json) => boolean> = {
    S: (x) => typeof x === 'string', N: (x) => typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x)),
    B: (x) => typeof x === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(x), SS: strs, BS: strs,
    NS: (x) => strs(x) && (x as string[]).every((n) => Number.isFinite(Number(n))),
    BOOL: (x) => typeof x === 'boolean', NULL: (x) => x === true,
    M: (x) => isObj(x) && Object.entries(x).every(([k, y]) => attributeValueIssues(y, `${at}.${k}`).length === 0),
    L: (x) => Array.isArray(x) && x.every((y, i) => attributeValueIssues(y, `${at}[${i}]`).length === 0),
  }
  if (!TYPE_TAGS.includes(tag)) return [`${at}: unknown type tag ${tag}`]
  return ok[tag]!(val) ? [] : [`${at}: bad ${tag} value`]
}

/** Every way `doc` breaks the documented dynamodb_data_model.json format; [] when it conforms. */
export function dataModelIssues(doc: Json): string[] {
  if (!isObj(doc)) return ['root: must be an object']
  const out: string[] = []
  const extra = Object.keys(doc).filter((k) => !['tables', 'items', 'access_patterns'].includes(k))
  if (extra.length) out.push(`root: unexpected keys ${extra.join(', ')}`)
  if (!Array.isArray(doc.tables)) return [...out, 'tables: must be an array']
  if (!isObj(doc.items)) return [...out, 'items: must be an object']
  if (!Array.isArray(doc.access_patterns)) return [...out, 'access_patterns: must be an array']

  const tables = new Map<string, { keys: Map<string, string>; indexes: Set<string>; hash: string[] }>()
  doc.tables.forEach((t, i) => {
    const at = `tables[${i}]`
    if (!isObj(t)) return void out.push(`${at}: must be an object`)
    const unknown = Object.keys(t).filter((k) => !['TableName', 'AttributeDefinitions', 'KeySchema', 'GlobalSecondaryIndexes', 'BillingMode'].includes(k))
    if (unknown.length) out.push(`${at}: unexpected keys ${unknown.join(', ')}`)
    if (typeof t.TableName !== 'string' || !NAME.test(t.TableName)) out.push(`${at}.TableName: invalid`)
    else if (tables.has(t.TableName)) out.push(`${at}.TableName: duplicate ${t.TableName}`)
    if (t.BillingMode !== 'PAY_PER_REQUEST') out.push(`${at}.BillingMode: must be PAY_PER_REQUEST`)
    const defs = new Map<string, string>()
    if (!Array.isArray(t.AttributeDefinitions) || t.AttributeDefinitions.length === 0) out.push(`${at}.AttributeDefinitions: required`)
    else for (const d of t.AttributeDefinitions) {
      if (!isObj(d) || typeof d.AttributeName !== 'string' || !['S', 'N', 'B'].includes(String(d.AttributeType))) out.push(`${at}.AttributeDefinitions: bad entry ${JSON.stringify(d)}`)
      else defs.set(d.AttributeName, String(d.AttributeType))
    }
    out.push(...keySchemaIssues(t.KeySchema, `${at}.KeySchema`))
    const used = new Set<string>()
    const hash: string[] = []
    const collect = (ks: Json | undefined) => Array.isArray(ks) && ks.forEach((k) => isObj(k) && typeof k.AttributeName === 'string' && used.add(k.AttributeName))
    collect(t.KeySchema)
    if (Array.isArray(t.KeySchema)) for (const k of t.KeySchema) if (isObj(k)) hash.push(String(k.AttributeName))
    const indexes = new Set<string>()
    if (t.GlobalSecondaryIndexes !== undefined) {
      if (!Array.isArray(t.GlobalSecondaryIndexes) || t.GlobalSecondaryIndexes.length === 0) out.push(`${at}.GlobalSecondaryIndexes: omit it or list at least one`)
      else t.GlobalSecondaryIndexes.forEach((g, j) => {
        const gat = `${at}.GlobalSecondaryIndexes[${j}]`
        if (!isObj(g)) return void out.push(`${gat}: must be an object`)
        if (typeof g.IndexName !== 'string' || !NAME.test(g.IndexName) || indexes.has(g.IndexName)) out.push(`${gat}.IndexName: invalid or duplicate`)
        else indexes.add(g.IndexName)
        out.push(...keySchemaIssues(g.KeySchema, `${gat}.KeySchema`))
        collect(g.KeySchema)
        const p = g.Projection
        if (!isObj(p) || !['ALL', 'KEYS_ONLY', 'INCLUDE'].includes(String(p.ProjectionType))) out.push(`${gat}.Projection: bad ProjectionType`)
        else if ((p.ProjectionType === 'INCLUDE') !== (Array.isArray(p.NonKeyAttributes) && p.NonKeyAttributes.length > 0)) out.push(`${gat}.Projection: NonKeyAttributes goes with INCLUDE only`)
      })
    }
    for (const a of used) if (!defs.has(a)) out.push(`${at}: key attribute ${a} has no AttributeDefinition`)
    for (const a of defs.keys()) if (!used.has(a)) out.push(`${at}: AttributeDefinition ${a} is not used by any KeySchema`)
    if (typeof t.TableName === 'string') tables.set(t.TableName, { keys: defs, indexes, hash })
  })

  for (const [table, list] of Object.entries(doc.items)) {
    const t = tables.get(table)
    if (!t) { out.push(`items.${table}: no such table`); continue }
    if (!Array.isArray(list)) { out.push(`items.${table}: must be an array`); continue }
    list.forEach((req, i) => {
      const at = `items.${table}[${i}]`
      const item = isObj(req) && isObj(req.PutRequest) ? req.PutRequest.Item : undefined
      if (!isObj(item)) return void out.push(`${at}: needs PutRequest.Item`)
      for (const [name, v] of Object.entries(item)) out.push(...attributeValueIssues(v, `${at}.${name}`))
      for (const k of t.hash) if (!(k in item)) out.push(`${at}: missing key attribute ${k}`)
      for (const [k, type] of t.keys) if (k in item && isObj(item[k]) && !(type in (item[k] as Obj))) out.push(`${at}.${k}: must be type ${type}`)
    })
  }

  doc.access_patterns.forEach((p, i) => {
    const at = `access_patterns[${i}]`
    if (!isObj(p)) return void out.push(`${at}: must be an object`)
    if (typeof p.pattern !== 'string' || !p.pattern) out.push(`${at}.pattern: required string`)
    if (typeof p.description !== 'string' || !p.description) out.push(`${at}.description: required string`)
    if (p.implementation === undefined) {
      if (typeof p.reason !== 'string' || !p.reason) out.push(`${at}: needs an implementation or a reason`)
      if (p.table !== undefined || p.dynamodb_operation !== undefined) out.push(`${at}: a reason-only pattern has no table/operation`)
      return
    }
    const t = typeof p.table === 'string' ? tables.get(p.table) : undefined
    if (!t) out.push(`${at}.table: no such table ${String(p.table)}`)
    if (p.index !== undefined && !(t && typeof p.index === 'string' && t.indexes.has(p.index))) out.push(`${at}.index: no such GSI ${String(p.index)}`)
    const sub = OPERATIONS[String(p.dynamodb_operation)]
    if (!sub) return void out.push(`${at}.dynamodb_operation: invalid ${String(p.dynamodb_operation)}`)
    if (typeof p.implementation !== 'string' || !p.implementation.startsWith(`aws dynamodb ${sub} `)) return void out.push(`${at}.implementation: must start "aws dynamodb ${sub} "`)
    const args = parseCli(p.implementation).options
    if (args['table-name'] !== p.table) out.push(`${at}.implementation: --table-name differs from table`)
    if (args['index-name'] !== p.index) out.push(`${at}.implementation: --index-name differs from index`)
    if ('endpoint-url' in args) out.push(`${at}.implementation: leave --endpoint-url to the tool`)
  })
  return out
}

// ---- the AWS CLI commands, as DynamoDB API requests ----------------------------------------------------

/** Splits a shell command line the way a POSIX shell would for single/double quotes (no expansions). */
function shellWords(line: string): string[] {
  const words: string[] = []
  let cur = '', inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === "'") { const end = line.indexOf("'", i + 1); if (end < 0) throw new Error('unclosed quote'); cur += line.slice(i + 1, end); i = end; inWord = true }
    else if (c === '"') { let j = i + 1; for (; line[j] !== '"'; j++) { if (j >= line.length) throw new Error('unclosed quote'); cur += line[j] === '\\' ? line[++j] : line[j] } i = j; inWord = true }
    else if (/\s/.test(c)) { if (inWord) words.push(cur); cur = ''; inWord = false }
    else { cur += c; inWord = true }
  }
  if (inWord) words.push(cur)
  return words
}

const JSON_OPTIONS = new Set(['key', 'item', 'expression-attribute-values', 'expression-attribute-names', 'request-items', 'exclusive-start-key', 'transact-items'])
const BOOLEAN_OPTIONS = new Set(['scan-index-forward', 'consistent-read'])

function parseCli(command: string): { sub: string; options: Record<string, Json> } {
  const [aws, service, sub, ...rest] = shellWords(command)
  if (aws !== 'aws' || service !== 'dynamodb' || !sub) throw new Error(`not an aws dynamodb command: ${command}`)
  const options: Record<string, Json> = {}
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!
    if (!flag.startsWith('--')) throw new Error(`unexpected word ${flag}`)
    const name = flag.slice(2)
    if (name.startsWith('no-') && BOOLEAN_OPTIONS.has(name.slice(3))) { options[name.slice(3)] = false; continue }
    if (BOOLEAN_OPTIONS.has(name)) { options[name] = true; continue }
    const value = rest[++i]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    options[name] = JSON_OPTIONS.has(name) ? (JSON.parse(value) as Json) : name === 'limit' ? Number(value) : value
  }
  return { sub, options }
}

function toRequest(command: string): { operation: string; body: Obj } {
  const { sub, options } = parseCli(command)
  const operation = Object.keys(OPERATIONS).find((op) => OPERATIONS[op] === sub)
  if (!operation) throw new Error(`unsupported sub-command ${sub}`)
  const pascal = (k: string) => k.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return { operation, body: Object.fromEntries(Object.entries(options).map(([k, v]) => [pascal(k), v])) }
}

// ---- the skill's examples --------------------------------------------------------------------------------

interface Example { file: string; line: number; doc: Json; expected: Map<string, string> }

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).map((e) => join(e.parentPath, e.name))
}

/** The "pattern | result" rows of the first table after the fence. */
function resultsAfter(md: string, fenceLine: number): Map<string, string> {
  const rows = new Map<string, string>()
  const lines = md.split('\n').slice(fenceLine)
  const start = lines.findIndex((l) => /^\|\s*pattern\s*\|\s*result\s*\|/.test(l))
  if (start < 0) return rows
  for (const l of lines.slice(start + 2)) {
    const m = /^\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|\s*$/.exec(l)
    if (!m) break
    rows.set(m[1]!, m[2]!)
  }
  return rows
}

async function loadExamples(): Promise<Example[]> {
  const out: Example[] = []
  for (const file of await markdownFiles(SKILL)) {
    const md = await readFile(file, 'utf8')
    for (const f of await codeFences(md)) {
      if (f.lang !== 'json' || f.meta.trim() !== 'dynamodb_data_model.json') continue
      out.push({ file, line: f.line, doc: JSON.parse(f.value) as Json, expected: resultsAfter(md, f.line) })
    }
  }
  return out
}

const keyOf = (item: Obj) => `${(item.PK as Obj | undefined)?.S ?? '?'} / ${(item.SK as Obj | undefined)?.S ?? '?'}`
const listed = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)

let examples: Example[] = []
let ddb: LocalDynamo
beforeAll(async () => { examples = await loadExamples(); ddb = await startDynalite() })
afterAll(async () => ddb?.close())

describe('dynamodb_data_model.json examples in skills/dynamodb', () => {
  it('exist, with a results table', () => {
    expect(examples.length).toBeGreaterThan(0)
    for (const ex of examples) expect(ex.expected.size, `${ex.file}:${ex.line}`).toBeGreaterThan(0)
  })

  it('conform to the documented format', () => {
    for (const ex of examples) expect(dataModelIssues(ex.doc), `${ex.file}:${ex.line}`).toEqual([])
  })

  it('the validator rejects each documented mistake', () => {
    const base = examples[0]!.doc as Obj
    const broken = (mutate: (d: Obj) => void) => { const d = structuredClone(base); mutate(d); return dataModelIssues(d) }
    const table = (d: Obj) => (d.tables as Obj[])[0]!
    const pattern = (d: Obj, i: number) => (d.access_patterns as Obj[])[i]!
    expect(broken((d) => { delete d.items })).toContain('items: must be an object')
    expect(broken((d) => { (table(d).AttributeDefinitions as Json[]).push({ AttributeName: 'title', AttributeType: 'S' }) }).join()).toMatch(/title is not used/)
    expect(broken((d) => { table(d).BillingMode = 'PROVISIONED' }).join()).toMatch(/PAY_PER_REQUEST/)
    expect(broken((d) => { ((d.items as Obj).Tracker as Obj[])[0] = { PutRequest: { Item: { PK: { S: 'x' }, SK: { N: '1' } } } } }).join()).toMatch(/SK: must be type S/)
    expect(broken((d) => { ((d.items as Obj).Tracker as Obj[])[0] = { PutRequest: { Item: { PK: { S: 'x' }, SK: { S: 'y' }, n: { N: 'ten' } } } } }).join()).toMatch(/bad N value/)
    expect(broken((d) => { pattern(d, 0).dynamodb_operation = 'Query' }).join()).toMatch(/must start "aws dynamodb query "/)
    expect(broken((d) => { pattern(d, 3).index = 'GSI9' }).join()).toMatch(/no such GSI GSI9/)
    expect(broken((d) => { delete pattern(d, 8).reason }).join()).toMatch(/implementation or a reason/)
  })

  it('every access pattern returns what the results table says, on dynalite', async () => {
    for (const ex of examples) {
      const doc = ex.doc as Obj
      for (const t of doc.tables as Obj[]) {
        await ddb.call('DeleteTable', { TableName: t.TableName }).catch(() => undefined)
        await ddb.call('CreateTable', t)
      }
      for (const [TableName, items] of Object.entries(doc.items as Obj)) {
        for (let i = 0; i < (items as Json[]).length; i += 25) await ddb.call('BatchWriteItem', { RequestItems: { [TableName]: (items as Json[]).slice(i, i + 25) } })
      }
      for (const p of doc.access_patterns as Obj[]) {
        const id = String(p.pattern), where = `${ex.file}:${ex.line} pattern ${id}`
        const expected = ex.expected.get(id)
        expect(expected, `${where}: missing from the results table`).toBeDefined()
        if (typeof p.implementation !== 'string') { expect(expected, where).toMatch(/^not run/); continue }
        const { operation, body } = toRequest(p.implementation)
        const res = await ddb.call<{ Items?: Obj[]; Item?: Obj }>(operation, body)
        if (/^succeeds/.test(expected!)) {
          if (/second run fails its condition/.test(expected!)) {
            const again = await ddb.call(operation, body).then(() => null, (e: unknown) => e)
            expect(again instanceof DynamoError && again.type.endsWith('ConditionalCheckFailedException'), where).toBe(true)
          }
          continue
        }
        const got = res.Items ? res.Items.map(keyOf) : res.Item ? [keyOf(res.Item)] : []
        expect(got, where).toEqual(listed(expected!))
      }
    }
  })
})
