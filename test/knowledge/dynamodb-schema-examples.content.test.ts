/**
 * The DynamoDB skill's other machine-readable examples, checked against the formats the skill documents:
 * `schema.json` (references/schema-json.md), the `compute_performances_and_costs` input
 * (references/capacity-and-cost.md) and a TransactWriteItems `TransactItems` list. The schema example is also
 * rendered against the items of the skill's `dynamodb_data_model.json` example: its key templates must
 * reproduce every item's stored keys, so the two files describe one and the same design.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeFences, type Fence } from '../../src/knowledge/markdown.js'

const SKILL = join(import.meta.dirname, '../../skills/dynamodb')

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: Json | undefined): v is string => typeof v === 'string' && v.length > 0

// ---- schema.json, as documented ------------------------------------------------------------------------

const FIELD_TYPES = ['string', 'integer', 'decimal', 'boolean', 'array', 'object', 'uuid']
const PARAM_TYPES = ['string', 'integer', 'boolean', 'entity']
const OPERATIONS = ['GetItem', 'PutItem', 'DeleteItem', 'Query', 'Scan', 'UpdateItem', 'BatchGetItem', 'BatchWriteItem']
const RETURN_TYPES = ['single_entity', 'entity_list', 'success_flag', 'mixed_data', 'void']
const RANGE = ['begins_with', 'between', '>', '<', '>=', '<=']
const SNAKE = /^[a-z][a-z0-9_]*$/
const placeholders = (template: string) => [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!)

/** Every way `doc` breaks the documented schema.json format; [] when it conforms. */
function schemaIssues(doc: Json): string[] {
  if (!isObj(doc) || !Array.isArray(doc.tables) || doc.tables.length === 0) return ['root: tables must be a non-empty array']
  const out: string[] = []
  const entityNames = new Set<string>()
  const patternIds = new Set<number>()
  const entityParams: Array<[string, string]> = []
  for (const t of doc.tables) if (isObj(t) && isObj(t.entities)) for (const n of Object.keys(t.entities)) {
    if (entityNames.has(n)) out.push(`entity ${n}: name used in two tables`)
    entityNames.add(n)
  }
  doc.tables.forEach((t, i) => {
    const at = `tables[${i}]`
    if (!isObj(t)) return void out.push(`${at}: must be an object`)
    const c = t.table_config
    if (!isObj(c) || !str(c.table_name) || !str(c.partition_key) || (c.sort_key !== undefined && !str(c.sort_key))) out.push(`${at}.table_config: needs table_name and partition_key strings`)
    const gsis = new Set<string>()
    if (t.gsi_list !== undefined) {
      if (!Array.isArray(t.gsi_list)) out.push(`${at}.gsi_list: must be an array`)
      else for (const g of t.gsi_list) {
        if (!isObj(g) || !str(g.name) || !str(g.partition_key) || (g.sort_key !== undefined && !str(g.sort_key))) out.push(`${at}.gsi_list: bad entry`)
        else if (gsis.has(g.name)) out.push(`${at}.gsi_list: duplicate ${g.name}`)
        else gsis.add(g.name)
      }
    }
    if (!isObj(t.entities) || Object.keys(t.entities).length === 0) return void out.push(`${at}.entities: must be a non-empty object`)
    for (const [name, e] of Object.entries(t.entities)) {
      const eat = `${at}.entities.${name}`
      if (!isObj(e)) { out.push(`${eat}: must be an object`); continue }
      if (!str(e.entity_type)) out.push(`${eat}.entity_type: required string`)
      if (!Array.isArray(e.fields) || e.fields.length === 0) { out.push(`${eat}.fields: must be non-empty`); continue }
      const fields = new Set<string>()
      e.fields.forEach((f, k) => {
        const fat = `${eat}.fields[${k}]`
        if (!isObj(f) || !str(f.name) || !SNAKE.test(f.name)) return void out.push(`${fat}: needs a snake_case name`)
        if (fields.has(f.name)) out.push(`${fat}: duplicate field ${f.name}`)
        fields.add(f.name)
        if (!FIELD_TYPES.includes(String(f.type))) out.push(`${fat}.type: invalid ${String(f.type)}`)
        if (typeof f.required !== 'boolean') out.push(`${fat}.required: must be a boolean`)
        if (f.type === 'array' && !str(f.item_type)) out.push(`${fat}: array needs item_type`)
      })
      const templates: Array<[string, Json | undefined]> = [['pk_template', e.pk_template], ['sk_template', e.sk_template]]
      if (!str(e.pk_template)) out.push(`${eat}.pk_template: required string`)
      if (e.gsi_mappings !== undefined) {
        if (!Array.isArray(e.gsi_mappings)) out.push(`${eat}.gsi_mappings: must be an array`)
        else e.gsi_mappings.forEach((m, k) => {
          if (!isObj(m) || !str(m.name) || !str(m.pk_template)) return void out.push(`${eat}.gsi_mappings[${k}]: needs name and pk_template`)
          if (!gsis.has(m.name)) out.push(`${eat}.gsi_mappings[${k}]: ${m.name} is not in gsi_list`)
          templates.push([`gsi_mappings[${k}].pk_template`, m.pk_template], [`gsi_mappings[${k}].sk_template`, m.sk_template])
        })
      }
      for (const [where, tpl] of templates) {
        if (tpl === undefined) continue
        if (!str(tpl)) { out.push(`${eat}.${where}: must be a string`); continue }
        for (const p of placeholders(tpl)) if (!fields.has(p)) out.push(`${eat}.${where}: {${p}} is not a field`)
      }
      if (e.access_patterns === undefined) continue
      if (!Array.isArray(e.access_patterns)) { out.push(`${eat}.access_patterns: must be an array`); continue }
      const names = new Set<string>()
      e.access_patterns.forEach((p, k) => {
        const pat = `${eat}.access_patterns[${k}]`
        if (!isObj(p)) return void out.push(`${pat}: must be an object`)
        if (typeof p.pattern_id !== 'number' || !Number.isInteger(p.pattern_id)) out.push(`${pat}.pattern_id: must be an integer`)
        else if (patternIds.has(p.pattern_id)) out.push(`${pat}.pattern_id: duplicate ${p.pattern_id}`)
        else patternIds.add(p.pattern_id)
        if (!str(p.name) || !SNAKE.test(p.name)) out.push(`${pat}.name: needs a snake_case name`)
        else if (names.has(p.name)) out.push(`${pat}.name: duplicate ${p.name}`)
        else names.add(p.name)
        if (!str(p.description)) out.push(`${pat}.description: required`)
        if (!OPERATIONS.includes(String(p.operation))) out.push(`${pat}.operation: invalid ${String(p.operation)}`)
        if (!RETURN_TYPES.includes(String(p.return_type))) out.push(`${pat}.return_type: invalid ${String(p.return_type)}`)
        if (p.index_name !== undefined && !(str(p.index_name) && gsis.has(p.index_name))) out.push(`${pat}.index_name: ${String(p.index_name)} is not in gsi_list`)
        const params = p.parameters ?? []
        if (!Array.isArray(params)) return void out.push(`${pat}.parameters: must be an array`)
        const pnames = new Set<string>()
        for (const q of params) {
          if (!isObj(q) || !str(q.name)) { out.push(`${pat}.parameters: each needs a name`); continue }
          if (pnames.has(q.name)) out.push(`${pat}.parameters: duplicate ${q.name}`)
          pnames.add(q.name)
          if (!PARAM_TYPES.includes(String(q.type))) out.push(`${pat}.parameters.${q.name}: invalid type ${String(q.type)}`)
          if (q.type === 'entity') entityParams.push([`${pat}.parameters.${q.name}`, String(q.entity_type)])
        }
        if (p.range_condition !== undefined) {
          if (!RANGE.includes(String(p.range_condition))) out.push(`${pat}.range_condition: invalid ${String(p.range_condition)}`)
          else {
            if (p.operation !== 'Query') out.push(`${pat}.range_condition: needs operation Query`)
            const want = p.range_condition === 'between' ? 3 : 2
            if (params.length !== want) out.push(`${pat}.range_condition: ${String(p.range_condition)} needs exactly ${want} parameters`)
          }
        }
      })
    }
  })
  for (const [where, name] of entityParams) if (!entityNames.has(name)) out.push(`${where}: entity_type ${name} does not exist`)
  return out
}

// ---- compute_performances_and_costs input, as documented -----------------------------------------------

const COST_OPS = ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems']
const NEEDS_COUNT = ['Query', 'Scan', 'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems']
const READS_WITH_CONSISTENCY = ['GetItem', 'Query', 'Scan', 'BatchGetItem']
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']
const size = (v: Json | undefined) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 409_600
const positiveInt = (v: Json | undefined) => Number.isInteger(v) && (v as number) > 0

function costInputIssues(doc: Json): string[] {
  if (!isObj(doc) || !Array.isArray(doc.access_pattern_list) || !Array.isArray(doc.table_list)) return ['root: needs access_pattern_list and table_list arrays']
  const out: string[] = []
  if (!str(doc.workspace_dir) || !doc.workspace_dir.startsWith('/')) out.push('workspace_dir: must be an absolute path')
  const gsisOf = new Map<string, Set<string>>()
  doc.table_list.forEach((t, i) => {
    if (!isObj(t) || !str(t.name) || !positiveInt(t.item_count) || !size(t.item_size_bytes)) return void out.push(`table_list[${i}]: needs name, item_count > 0, item_size_bytes 1-409600`)
    const gsis = new Set<string>()
    for (const g of Array.isArray(t.gsi_list) ? t.gsi_list : []) {
      if (!isObj(g) || !str(g.name) || !positiveInt(g.item_count) || !size(g.item_size_bytes)) out.push(`table_list[${i}].gsi_list: bad entry`)
      else gsis.add(g.name)
    }
    gsisOf.set(t.name, gsis)
  })
  doc.access_pattern_list.forEach((p, i) => {
    const at = `access_pattern_list[${i}]`
    if (!isObj(p)) return void out.push(`${at}: must be an object`)
    const op = String(p.operation)
    if (!COST_OPS.includes(op)) out.push(`${at}.operation: invalid ${op}`)
    if (!str(p.pattern) || !str(p.description)) out.push(`${at}: needs pattern and description`)
    const gsis = str(p.table) ? gsisOf.get(p.table) : undefined
    if (!gsis) out.push(`${at}.table: not in table_list`)
    if (typeof p.rps !== 'number' || !(p.rps > 0)) out.push(`${at}.rps: must be > 0`)
    if (!size(p.item_size_bytes)) out.push(`${at}.item_size_bytes: must be 1-409600`)
    if (NEEDS_COUNT.includes(op) ? !positiveInt(p.item_count) : p.item_count !== undefined) out.push(`${at}.item_count: required > 0 for ${NEEDS_COUNT.join('/')} only`)
    if (p.strongly_consistent !== undefined && (typeof p.strongly_consistent !== 'boolean' || !READS_WITH_CONSISTENCY.includes(op))) out.push(`${at}.strongly_consistent: boolean, reads only`)
    if (p.gsi !== undefined && (!['Query', 'Scan'].includes(op) || !str(p.gsi) || !gsis?.has(p.gsi))) out.push(`${at}.gsi: Query/Scan only, a GSI of the table`)
    if (p.gsi_list !== undefined && (!WRITES.includes(op) || !Array.isArray(p.gsi_list) || !p.gsi_list.every((g) => str(g) && gsis?.has(g)))) out.push(`${at}.gsi_list: writes only, GSIs of the table`)
  })
  return out
}

// ---- TransactItems, as the API requires -------------------------------------------------------------------

function transactIssues(doc: Json, keyAttrs: Map<string, string[]>): string[] {
  if (!Array.isArray(doc) || doc.length < 1 || doc.length > 100) return ['TransactItems: 1 to 100 actions']
  const out: string[] = []
  const targets = new Set<string>()
  doc.forEach((a, i) => {
    const kinds = isObj(a) ? Object.keys(a) : []
    if (kinds.length !== 1 || !['Put', 'Update', 'Delete', 'ConditionCheck'].includes(kinds[0]!)) return void out.push(`[${i}]: exactly one of Put/Update/Delete/ConditionCheck`)
    const body = (a as Obj)[kinds[0]!]
    if (!isObj(body) || !str(body.TableName) || !keyAttrs.has(body.TableName)) return void out.push(`[${i}]: TableName must be a table of the example model`)
    const source = kinds[0] === 'Put' ? body.Item : body.Key
    if (!isObj(source)) return void out.push(`[${i}]: needs ${kinds[0] === 'Put' ? 'Item' : 'Key'}`)
    const attrs = keyAttrs.get(body.TableName)!
    if (kinds[0] !== 'Put' && Object.keys(source).sort().join() !== [...attrs].sort().join()) out.push(`[${i}].Key: must be exactly ${attrs.join(', ')}`)
    if (kinds[0] === 'Update' && !str(body.UpdateExpression)) out.push(`[${i}]: Update needs UpdateExpression`)
    if (kinds[0] === 'ConditionCheck' && !str(body.ConditionExpression)) out.push(`[${i}]: ConditionCheck needs ConditionExpression`)
    const target = `${body.TableName}|${attrs.map((k) => JSON.stringify(source[k])).join('|')}`
    if (targets.has(target)) out.push(`[${i}]: two actions target the same item`)
    targets.add(target)
  })
  return out
}

// ---- loading ---------------------------------------------------------------------------------------------

interface Found { where: string; fence: Fence; doc: Json }
let fences: Found[] = []
const byMeta = (meta: string) => fences.filter((f) => f.fence.lang === 'json' && f.fence.meta.trim() === meta)

beforeAll(async () => {
  const files = (await readdir(SKILL, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.md'))
  for (const e of files) {
    const file = join(e.parentPath, e.name)
    for (const fence of await codeFences(await readFile(file, 'utf8'))) {
      if (fence.lang !== 'json') continue
      const where = `${file}:${fence.line}`
      let doc: Json
      try { doc = JSON.parse(fence.value) as Json } catch (err) { throw new Error(`${where}: json fence does not parse: ${String(err)}`) }
      fences.push({ where, fence, doc })
    }
  }
})

function dataModel(): Obj {
  const [model] = byMeta('dynamodb_data_model.json')
  if (!model || !isObj(model.doc)) throw new Error('the skill has no dynamodb_data_model.json example')
  return model.doc
}

const items = (model: Obj) => Object.values(model.items as Obj).flatMap((list) => (list as Obj[]).map((r) => (r.PutRequest as Obj).Item as Obj))
const scalar = (v: Json | undefined) => (isObj(v) ? ((v.S ?? v.N) as string | undefined) : undefined)
/** Fills {field} placeholders from an item's S/N values; undefined when a field is absent. */
function render(template: string, item: Obj): string | undefined {
  let missing = false
  const text = template.replace(/\{([^{}]*)\}/g, (_, f: string) => scalar(item[f]) ?? ((missing = true), ''))
  return missing ? undefined : text
}

describe('json examples in skills/dynamodb', () => {
  it('every json fence parses, and the documented kinds are present', () => {
    expect(fences.length).toBeGreaterThan(0)
    for (const meta of ['dynamodb_data_model.json', 'schema.json', 'compute_performances_and_costs', 'transact-items']) expect(byMeta(meta).length, meta).toBeGreaterThan(0)
  })

  it('schema.json examples conform to references/schema-json.md', () => {
    for (const f of byMeta('schema.json')) expect(schemaIssues(f.doc), f.where).toEqual([])
  })

  it('the schema validator rejects each documented mistake', () => {
    const base = byMeta('schema.json')[0]!.doc as Obj
    const broken = (mutate: (d: Obj) => void) => { const d = structuredClone(base); mutate(d); return schemaIssues(d).join('\n') }
    const entity = (d: Obj, n: string) => ((d.tables as Obj[])[0]!.entities as Obj)[n] as Obj
    const patterns = (d: Obj, n: string) => entity(d, n).access_patterns as Obj[]
    expect(broken((d) => { entity(d, 'Issue').pk_template = 'PROJECT#{project}' })).toMatch(/\{project\} is not a field/)
    expect(broken((d) => { (entity(d, 'Issue').gsi_mappings as Obj[])[0]!.name = 'GSI2' })).toMatch(/GSI2 is not in gsi_list/)
    expect(broken((d) => { patterns(d, 'Comment')[0]!.pattern_id = 1 })).toMatch(/duplicate 1/)
    expect(broken((d) => { patterns(d, 'Issue')[0]!.range_condition = 'between' })).toMatch(/between needs exactly 3/)
    expect(broken((d) => { patterns(d, 'Project')[0]!.operation = 'TransactWriteItems' })).toMatch(/operation: invalid/)
    expect(broken((d) => { (entity(d, 'Project').fields as Obj[])[0]!.type = 'strng' })).toMatch(/type: invalid strng/)
    expect(broken((d) => { (patterns(d, 'Comment')[1]!.parameters as Obj[])[0]!.entity_type = 'Note' })).toMatch(/entity_type Note does not exist/)
  })

  it('schema.json templates reproduce the keys of the dynamodb_data_model.json example items', () => {
    const model = dataModel()
    const keySchema = new Map((model.tables as Obj[]).map((t) => [t.TableName as string, t]))
    for (const f of byMeta('schema.json')) {
      for (const table of (f.doc as Obj).tables as Obj[]) {
        const cfg = table.table_config as Obj
        const ct = keySchema.get(cfg.table_name as string)
        expect(ct, `${f.where}: table ${String(cfg.table_name)} missing from the data model`).toBeDefined()
        expect((ct!.KeySchema as Obj[]).map((k) => k.AttributeName)).toEqual([cfg.partition_key, cfg.sort_key].filter(Boolean))
        const gsiKeys = new Map<string, [string, string | undefined]>(((table.gsi_list ?? []) as Obj[]).map((g) => [g.name as string, [g.partition_key as string, g.sort_key as string | undefined]]))
        for (const [name, [pk, sk]] of gsiKeys) {
          const g = ((ct!.GlobalSecondaryIndexes ?? []) as Obj[]).find((x) => x.IndexName === name)
          expect(g && (g.KeySchema as Obj[]).map((k) => k.AttributeName), `${f.where}: GSI ${name}`).toEqual([pk, sk].filter(Boolean))
        }
        const entities = Object.values(table.entities as Obj) as Obj[]
        let checked = 0
        for (const item of items(model)) {
          const e = entities.find((x) => x.entity_type === scalar(item.entity_type))
          expect(e, `${f.where}: no entity for item ${JSON.stringify(item.PK)}`).toBeDefined()
          expect(render(e!.pk_template as string, item)).toBe(scalar(item[cfg.partition_key as string]))
          if (cfg.sort_key) expect(render(e!.sk_template as string, item)).toBe(scalar(item[cfg.sort_key as string]))
          for (const m of (e!.gsi_mappings ?? []) as Obj[]) {
            const [pk, sk] = gsiKeys.get(m.name as string)!
            // A partition-key template whose fields the item lacks renders nothing, and the item must then lack
            // the index key too (a sparse index); its sort key is irrelevant once the item is not indexed.
            const gsiPk = render(m.pk_template as string, item)
            expect(gsiPk, `${String(m.name)} pk of ${scalar(item.SK)}`).toBe(scalar(item[pk]))
            if (sk && gsiPk !== undefined) expect(render(m.sk_template as string, item), `${String(m.name)} sk of ${scalar(item.SK)}`).toBe(scalar(item[sk]))
          }
          checked++
        }
        expect(checked).toBeGreaterThan(0)
      }
    }
  })

  it('compute_performances_and_costs inputs conform and name the example model table and indexes', () => {
    const model = dataModel()
    for (const f of byMeta('compute_performances_and_costs')) {
      expect(costInputIssues(f.doc), f.where).toEqual([])
      for (const t of (f.doc as Obj).table_list as Obj[]) {
        const ct = (model.tables as Obj[]).find((x) => x.TableName === t.name)
        expect(ct, `${f.where}: ${String(t.name)}`).toBeDefined()
        expect(((t.gsi_list ?? []) as Obj[]).map((g) => g.name).sort()).toEqual(((ct!.GlobalSecondaryIndexes ?? []) as Obj[]).map((g) => g.IndexName).sort())
      }
    }
    const base = byMeta('compute_performances_and_costs')[0]!.doc as Obj
    const broken = (mutate: (d: Obj) => void) => { const d = structuredClone(base); mutate(d); return costInputIssues(d).join('\n') }
    const ap = (d: Obj, i: number) => (d.access_pattern_list as Obj[])[i]!
    expect(broken((d) => { delete ap(d, 1).item_count })).toMatch(/item_count/)
    expect(broken((d) => { ap(d, 0).gsi = 'GSI1' })).toMatch(/gsi: Query\/Scan only/)
    expect(broken((d) => { ap(d, 0).item_size_bytes = 409_601 })).toMatch(/item_size_bytes/)
    expect(broken((d) => { ap(d, 6).gsi_list = ['GSI9'] })).toMatch(/gsi_list/)
  })

  it('TransactItems examples have the API shape and target keys of the example model', () => {
    const model = dataModel()
    const keyAttrs = new Map((model.tables as Obj[]).map((t) => [t.TableName as string, (t.KeySchema as Obj[]).map((k) => k.AttributeName as string)]))
    for (const f of byMeta('transact-items')) expect(transactIssues(f.doc, keyAttrs), f.where).toEqual([])
    const base = byMeta('transact-items')[0]!.doc as Json[]
    expect(transactIssues([...base, structuredClone(base[0]!)], keyAttrs).join()).toMatch(/same item/)
    expect(transactIssues([{ Update: { TableName: 'Tracker', Key: { PK: { S: 'x' } }, UpdateExpression: 'SET a = :a' } }], keyAttrs).join()).toMatch(/must be exactly/)
  })
})
