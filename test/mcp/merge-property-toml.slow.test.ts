/**
 * The merge rules as properties for Codex's config.toml: generated files with root keys, other tables and other
 * servers, comments, blank lines, CRLF, unicode strings, multi-line arrays and multi-line strings that contain
 * header-looking lines. upsert then remove gives back the bytes; upsert twice equals once; the rest keeps its value.
 */
import fc from 'fast-check'
import { parse } from 'smol-toml'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { clientById } from '../../src/mcp/clients.js'
import { buildEntry } from '../../src/mcp/entry.js'
import { parseMcpOptions } from '../../src/mcp/options.js'
import { readServer, removeServer, upsertServer } from '../../src/writers/mcp-toml.js'

const codex = clientById('codex')!
const TOP = codex.topKeyPath
const OUR = SERVERS.map((s) => s.key)

// Independent of the code under test: a TOML basic string from JSON escapes, with DEL escaped too.
const str = (s: string) => JSON.stringify(s).replace(/\x7f/g, '\\u007F')
const bareKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/)
const comment = fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), fc.constantFrom('é', '日本', '🙂'))

const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }).map(str),
  fc.integer().map(String),
  fc.boolean().map(String),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 4 }).map(str), { maxLength: 3 }).map((a) => `[${a.join(', ')}]`),
  fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }).map((a) => `[\n  ${a.join(',\n  ')},\n  [ "x" ],\n]`),
  fc.tuple(bareKey, fc.integer()).map(([k, n]) => `{ ${k} = ${n} }`),
  fc.constantFrom('"""\n[mcp_servers.aurora-dsql]\ncommand = "fake"\n"""', "'''\n[x]\n'''"),
)

const pair = fc.tuple(bareKey, value, fc.option(comment, { nil: undefined }))
const block = fc.uniqueArray(pair, { selector: (p) => p[0], maxLength: 4 })
const decoration = fc.array(fc.oneof(fc.constant(''), comment.map((c) => `# ${c}`)), { maxLength: 2 })

const tableName = fc.oneof(
  bareKey.map((k) => [k]),
  bareKey.filter((k) => !OUR.includes(k as never)).map((k) => ['mcp_servers', k]),
  fc.tuple(bareKey, bareKey).map(([a, b]) => ['profiles', `${a}${b}`]),
  fc.constant(['mcp_servers']),
)

const fileArb = fc.record({
  root: block,
  tables: fc.uniqueArray(fc.tuple(tableName, block, decoration), { selector: (t) => t[0].join('.'), maxLength: 4 }),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  lead: decoration,
  server: fc.constantFrom(...SERVERS),
  raw: fc.constantFrom({}, { auth: 'env' }, { runtime: 'docker', profile: 'p' }),
}).map((g) => {
  const lines: string[] = [...g.lead]
  const kv = (pairs: typeof g.root) => pairs.map(([k, v, c]) => `${k} = ${v}${c === undefined ? '' : ` # ${c}`}`)
  lines.push(...kv(g.root.filter(([k]) => k !== 'mcp_servers')))
  for (const [name, pairs, deco] of g.tables) {
    // A root key, or a key inside [mcp_servers], must not collide with a table or with our server name.
    if (g.root.some(([k]) => k === name[0])) continue
    lines.push(...deco, `[${name.join('.')}]`, ...kv(pairs.filter(([k]) => !(name.join('.') === 'mcp_servers' && (OUR.includes(k as never) || g.tables.some(([n]) => n[1] === k))))))
  }
  const text = lines.join('\n').replace(/\n/g, g.eol) + (g.finalNewline && lines.length > 0 ? g.eol : '')
  const options = parseMcpOptions(g.raw, { platform: 'linux', servers: [g.server.key] })
  return { text, name: g.server.key, entry: buildEntry(g.server, options, codex, { platform: 'linux', home: '/home/dev' }) }
}).filter(({ text }) => {
  try {
    parse(text)
    return true
  } catch {
    return false
  }
})

const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)))

describe('merge property: codex', () => {
  it('upsert then remove restores the bytes; upsert is idempotent; the rest keeps its value', () => {
    fc.assert(
      fc.property(fileArb, ({ text, name, entry }) => {
        const u = upsertServer(text, TOP, name, entry)
        expect(readServer(u.content, TOP, name)).toEqual(entry)
        expect(upsertServer(u.content, TOP, name, entry).content).toBe(u.content)
        expect(removeServer(u.content, TOP, name).content).toBe(text)
        const after = plain(parse(u.content)) as Record<string, Record<string, unknown>>
        delete after.mcp_servers![name]
        const before = plain(parse(text)) as Record<string, unknown>
        if (!('mcp_servers' in before) && Object.keys(after.mcp_servers!).length === 0) delete after.mcp_servers
        expect(after).toEqual(before)
      }),
      { numRuns: 250 },
    )
  })

  // Two of our servers (a project with dsql and dynamodb), removed in either order: still the original bytes,
  // with or without a final newline.
  it('two servers upserted, then removed in either order, restore the bytes', () => {
    const second = SERVERS[1]!
    fc.assert(
      fc.property(fileArb.filter((f) => f.name !== second.key), fc.boolean(), ({ text, name, entry }, firstOut) => {
        const other = buildEntry(second, parseMcpOptions({}, { platform: 'linux', servers: [second.key] }), codex, { platform: 'linux', home: '/home/dev' })
        const both = upsertServer(upsertServer(text, TOP, name, entry).content, TOP, second.key, other).content
        const order = firstOut ? [name, second.key] : [second.key, name]
        const once = removeServer(both, TOP, order[0]!).content
        expect(removeServer(once, TOP, order[1]!).content).toBe(text)
      }),
      { numRuns: 250 },
    )
  })

  it('generates files that exercise the hard cases', () => {
    const texts = fc.sample(fileArb, 300).map((f) => f.text)
    const share = (re: RegExp) => texts.filter((t) => re.test(t)).length
    expect(share(/\r\n/)).toBeGreaterThan(50)
    expect(share(/"""\r?\n\[mcp_servers\.aurora-dsql\]/)).toBeGreaterThan(10)
    expect(share(/^\[mcp_servers\.[^\]]+\]/m)).toBeGreaterThan(30)
    expect(share(/#/)).toBeGreaterThan(100)
  })
})
