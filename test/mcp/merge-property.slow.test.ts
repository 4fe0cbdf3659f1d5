/**
 * The merge rules as properties, for every JSON client: over generated existing configs (other servers, comments,
 * key orders, CRLF, unicode, nested objects, indents, trailing commas, empty containers, Kiro `powers`, VS Code
 * `inputs`), upsert then remove returns the original bytes, upsert twice equals upsert once, and everything but our
 * entry keeps its value.
 */
import fc from 'fast-check'
import { parse } from 'jsonc-parser'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { CLIENTS } from '../../src/mcp/clients.js'
import type { McpClientSpec } from '../../src/mcp/clients.js'
import { buildEntry } from '../../src/mcp/entry.js'
import { parseMcpOptions } from '../../src/mcp/options.js'
import { readServer, removeServer, upsertServer } from '../../src/writers/mcp-json.js'

type V =
  | { t: 'scalar'; v: string | number | boolean | null }
  | { t: 'arr'; items: V[]; inline: boolean }
  | { t: 'obj'; props: P[]; inline: boolean; trailingComma: boolean; empty: 0 | 1 | 2 }
interface P { key: string; value: V; before?: string; after?: string }
interface Style { unit: string; eol: string }

const commentText = fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), fc.constantFrom('é ü', '日本語', '🙂 ok'))
  .map((s) => s.replace(/\*\//g, '*'))
const scalar: fc.Arbitrary<V> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
).map((v) => ({ t: 'scalar', v }))

const props = (value: fc.Arbitrary<V>, maxLength: number, exclude: string[] = []) =>
  fc.uniqueArray(
    fc.record({ key: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((k) => !exclude.includes(k)), value, before: fc.option(commentText, { nil: undefined }), after: fc.option(commentText, { nil: undefined }) }, { requiredKeys: ['key', 'value'] }),
    { selector: (p) => p.key, maxLength },
  )

const { value } = fc.letrec<{ value: V }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ t: fc.constant('arr' as const), items: fc.array(tie('value'), { maxLength: 3 }), inline: fc.boolean() }),
    fc.record({ t: fc.constant('obj' as const), props: props(tie('value'), 3), inline: fc.boolean(), trailingComma: fc.boolean(), empty: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2> }),
  ),
}))

function render(v: V, indent: string, s: Style, inline = false): string {
  if (v.t === 'scalar') return JSON.stringify(v.v)
  if (v.t === 'arr') {
    if (v.items.length === 0) return '[]'
    if (inline || v.inline) return `[${v.items.map((i) => render(i, indent, s, true)).join(', ')}]`
    const inner = indent + s.unit
    return `[${s.eol}${v.items.map((i) => inner + render(i, inner, s)).join(`,${s.eol}`)}${s.eol}${indent}]`
  }
  if (v.props.length === 0) return ['{}', '{ }', `{${s.eol}${indent}}`][v.empty]!
  if (inline || v.inline) return `{${v.props.map((p) => `${JSON.stringify(p.key)}: ${render(p.value, indent, s, true)}`).join(', ')}${v.trailingComma ? ',' : ''}}`
  const inner = indent + s.unit
  const lines = v.props.map((p, i) => {
    const comma = i < v.props.length - 1 || v.trailingComma ? ',' : ''
    const before = p.before === undefined ? '' : `${inner}// ${p.before}${s.eol}`
    const after = p.after === undefined ? '' : ` /* ${p.after} */`
    return `${before}${inner}${JSON.stringify(p.key)}: ${render(p.value, inner, s)}${comma}${after}`
  })
  return `{${s.eol}${lines.join(s.eol)}${s.eol}${indent}}`
}

const OUR = SERVERS.map((s) => s.key)
const serverEntry = (name: string) => ({ t: 'obj' as const, props: [{ key: 'command', value: { t: 'scalar' as const, v: name } }], inline: false, trailingComma: false, empty: 0 as const })

/** A whole existing config for `client`: the server container (maybe absent or empty) among other root keys. */
function configArb(client: McpClientSpec) {
  const top = client.topKeyPath[0]!
  const others = fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((k) => !OUR.includes(k as never)), { maxLength: 4 })
  const extra: fc.Arbitrary<P[]> = client.id === 'kiro'
    ? fc.constant([{ key: 'powers', value: { t: 'obj', props: [{ key: 'mcpServers', value: { t: 'obj', props: OUR.map((k) => ({ key: k, value: serverEntry('power') })), inline: false, trailingComma: false, empty: 0 } }], inline: false, trailingComma: false, empty: 0 } }])
    : client.id === 'vscode'
      ? fc.constant([{ key: 'inputs', value: { t: 'arr', items: [{ t: 'obj', props: [{ key: 'id', value: { t: 'scalar', v: 'api-key' } }, { key: 'password', value: { t: 'scalar', v: true } }], inline: true, trailingComma: false, empty: 0 }], inline: false } }])
      : fc.constant([])
  return fc.record({
    rootProps: props(value, 4, [top, 'powers', 'inputs']),
    extra,
    servers: fc.option(fc.tuple(others, fc.boolean(), fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>, fc.boolean()), { nil: undefined }),
    position: fc.nat(),
    style: fc.record({ unit: fc.constantFrom('  ', '    ', '\t', '   '), eol: fc.constantFrom('\n', '\r\n') }),
    rootInline: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    leading: fc.option(commentText, { nil: undefined }),
    finalNewline: fc.boolean(),
    server: fc.constantFrom(...SERVERS),
    raw: fc.constantFrom({}, { runtime: 'docker', profile: 'dev' }, { auth: 'env', runtime: 'uv-windows' }),
  }).map((g) => {
    const root: P[] = [...g.rootProps, ...g.extra]
    if (g.servers) {
      const [names, inline, empty, trailingComma] = g.servers
      const container: V = { t: 'obj', props: names.map((n) => ({ key: n, value: serverEntry(n) })), inline, trailingComma, empty }
      root.splice(g.position % (root.length + 1), 0, { key: top, value: container })
    }
    const doc: V = { t: 'obj', props: root, inline: g.rootInline, trailingComma: false, empty: 0 }
    const text = `${g.leading === undefined ? '' : `// ${g.leading}${g.style.eol}`}${render(doc, '', g.style)}${g.finalNewline ? g.style.eol : ''}`
    const options = parseMcpOptions(g.raw, { platform: 'linux', servers: [g.server.key] })
    return { text, name: g.server.key, entry: buildEntry(g.server, options, client, { platform: 'linux', home: '/home/dev' }) }
  })
}

const JSON_CLIENTS = CLIENTS.filter((c) => c.format === 'json')

describe.each(JSON_CLIENTS.map((c) => [c.id, c] as const))('merge property: %s', (_id, client) => {
  const top = client.topKeyPath
  it('upsert then remove restores the bytes; upsert is idempotent; other content keeps its value', () => {
    fc.assert(
      fc.property(configArb(client), ({ text, name, entry }) => {
        const before = parse(text, [], { allowTrailingComma: true }) as Record<string, unknown>
        const u = upsertServer(text, top, name, entry)
        expect(readServer(u.content, top, name)).toEqual(entry)
        expect(upsertServer(u.content, top, name, entry).content).toBe(u.content)
        expect(removeServer(u.content, top, name, { created: u.created }).content).toBe(text)

        const after = parse(u.content, [], { allowTrailingComma: true }) as Record<string, Record<string, unknown>>
        const container = after[top[0]!]!
        delete container[name]
        if (u.created.length > 0) delete after[top[0]!]
        expect(after).toEqual(before)
      }),
      { numRuns: 200 },
    )
  })
})
