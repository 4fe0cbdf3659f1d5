import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, onTestFinished } from 'vitest'
import { UserError } from '../../src/core/errors.js'
import { checkJson, readServer, removeServer, upsertServer } from '../../src/writers/mcp-json.js'

const E = { command: 'uvx', args: ['awslabs.aurora-dsql-mcp-server@1.0.39'], env: { FASTMCP_LOG_LEVEL: 'ERROR' } }
const M = ['mcpServers']
const up = (text: string | undefined, entry: object = E, top = M) => upsertServer(text, top, 'aurora-dsql', entry)
const roundTrip = (text: string, top = M) => {
  const u = up(text, E, top)
  return removeServer(u.content, top, 'aurora-dsql', { created: u.created }).content
}

describe('mcp-json upsertServer', () => {
  it('creates a new file as 2-space JSON with a final newline', () => {
    const r = up(undefined)
    expect(r.content).toBe(`${JSON.stringify({ mcpServers: { 'aurora-dsql': E } }, null, 2)}\n`)
    expect(r.created).toEqual(['mcpServers'])
  })

  it('keeps comments, other servers, key order and trailing commas of a JSONC file', () => {
    const text = [
      '// my servers',
      '{',
      '  /* keep me */',
      '  "mcpServers": {',
      '    "zeta": { "command": "z" }, // inline note',
      '    "alpha": {"command": "a",},',
      '  },',
      '  "theme": "dark"',
      '}',
      '',
    ].join('\n')
    const out = up(text).content
    expect(out).toContain('// my servers\n{\n  /* keep me */\n  "mcpServers": {\n    "zeta": { "command": "z" }, // inline note\n    "alpha": {"command": "a",},\n')
    expect(out.indexOf('"alpha"')).toBeLessThan(out.indexOf('"aurora-dsql"'))
    expect(out.endsWith('  },\n  "theme": "dark"\n}\n')).toBe(true)
    expect(readServer(out, M, 'aurora-dsql')).toEqual(E)
    expect(readServer(out, M, 'zeta')).toEqual({ command: 'z' })
    expect(roundTrip(text)).toBe(text)
  })

  it('keeps CRLF line endings and tab indentation', () => {
    const text = '{\r\n\t"mcpServers": {\r\n\t\t"x": {\r\n\t\t\t"command": "x"\r\n\t\t}\r\n\t}\r\n}\r\n'
    const out = up(text).content
    expect(out.replace(/\r\n/g, '')).not.toContain('\n')
    expect(out).toContain('\r\n\t\t"aurora-dsql": {\r\n\t\t\t"command": "uvx",\r\n\t\t\t"args": [\r\n\t\t\t\t"awslabs')
    expect(roundTrip(text)).toBe(text)
  })

  it('detects 4-space indentation', () => {
    const out = up('{\n    "mcpServers": {\n        "x": 1\n    }\n}\n').content
    expect(out).toContain('\n        "aurora-dsql": {\n            "command": "uvx",')
  })

  it("leaves Kiro's powers section alone, even a same-named power server", () => {
    const text = '{\n  "powers": {\n    "mcpServers": {\n      "aurora-dsql": { "command": "old" }\n    }\n  },\n  "mcpServers": {}\n}\n'
    const out = up(text).content
    expect(out).toContain('"aurora-dsql": { "command": "old" }')
    expect(readServer(out, ['powers', 'mcpServers'], 'aurora-dsql')).toEqual({ command: 'old' })
    expect(readServer(out, M, 'aurora-dsql')).toEqual(E)
    expect(roundTrip(text)).toBe(text)
  })

  it("keeps VS Code's inputs and writes under servers", () => {
    const text = '{\n  "inputs": [\n    { "type": "promptString", "id": "key", "password": true }\n  ],\n  "servers": {}\n}\n'
    const out = up(text, { type: 'stdio', ...E }, ['servers']).content
    expect(out.startsWith('{\n  "inputs": [\n    { "type": "promptString", "id": "key", "password": true }\n  ],\n  "servers": {\n    "aurora-dsql": {\n      "type": "stdio",')).toBe(true)
    expect(roundTrip(text, ['servers'])).toBe(text)
  })

  it('updates our entry in place (same position) and is idempotent', () => {
    const text = '{\n  "mcpServers": {\n    "aurora-dsql": { "command": "uvx", "args": ["old@1"] },\n    "other": {}\n  }\n}\n'
    const once = up(text).content
    expect(once.indexOf('"aurora-dsql"')).toBeLessThan(once.indexOf('"other"'))
    expect(once).not.toContain('old@1')
    expect(up(once).content).toBe(once)
  })

  it('keeps a byte order mark', () => {
    const text = '\uFEFF{"mcpServers": {}}'
    expect(up(text).content.startsWith('\uFEFF{')).toBe(true)
    expect(roundTrip(text)).toBe(text)
  })
})

describe('mcp-json removeServer', () => {
  it('removes a container we created only when told (created), and reports empty', () => {
    const u = up('{}\n')
    expect(removeServer(u.content, M, 'aurora-dsql', { created: u.created })).toEqual({ content: '{}\n', empty: true })
    expect(removeServer(u.content, M, 'aurora-dsql').content).toBe('{\n  "mcpServers": {}\n}\n')
  })

  it('keeps a container that held other servers even with created', () => {
    const u = up('{}')
    const withOther = up(u.content, { command: 'x' }, M)
    const added = upsertServer(withOther.content, M, 'other', { command: 'o' }).content
    const r = removeServer(added, M, 'aurora-dsql', { created: ['mcpServers'] })
    expect(readServer(r.content, M, 'other')).toEqual({ command: 'o' })
    expect(r.empty).toBe(false)
  })

  it('leaves the text alone when our entry is absent', () => {
    const text = '{ "mcpServers": { "x": 1 } } // tail'
    expect(removeServer(text, M, 'aurora-dsql')).toEqual({ content: text, empty: false })
  })

  it('a file with comments left is not empty', () => {
    const u = up('// keep\n{}')
    expect(removeServer(u.content, M, 'aurora-dsql', { created: u.created })).toEqual({ content: '// keep\n{}', empty: false })
  })
})

describe('mcp-json unusable input is a conflict with line and column, never a silent {}', () => {
  it.each([
    ['truncated', '{\n  "mcpServers": {\n    "x": 1,\n', 4, 1, /not valid JSON/],
    ['garbage value', '{\n  "a": nope\n}', 2, 8, /not valid JSON/],
    ['top-level array', '[1, 2]', 1, 1, /top level is not a JSON object/],
    ['mcpServers not an object', '{\n  "mcpServers": []\n}', 2, 17, /"mcpServers" is not an object/],
    ['5000-deep objects (no stack overflow)', `{"x":\n${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, 2, 1276, /nested more than 256 levels deep/],
    ['5000-deep arrays', `{"x": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 1, 262, /nested more than 256 levels deep/],
  ])('%s', (_name, text, line, column, message) => {
    const conflict = checkJson(text, M, '.mcp.json')
    expect(conflict).toMatchObject({ file: '.mcp.json', line, column })
    expect(conflict!.message).toMatch(message)
    expect(() => up(text)).toThrow(UserError)
    expect(() => removeServer(text, M, 'aurora-dsql')).toThrow(/line \d+, column \d+/)
  })
  it('accepts valid JSONC', () => {
    expect(checkJson('// c\n{"mcpServers": {},}', M)).toBeUndefined()
  })
})

describe('mcp-json on the real file system', () => {
  it('a CRLF JSONC file survives add then remove byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbskills-mcp-json-'))
    onTestFinished(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }))
    const file = join(dir, 'mcp.json')
    const original = '{\r\n  // servers I run\r\n  "mcpServers": {\r\n    "git": { "command": "uvx", "args": ["mcp-server-git"] }\r\n  }\r\n}\r\n'
    await writeFile(file, original)
    const u = up(await readFile(file, 'utf8'))
    await writeFile(file, u.content)
    expect(readServer(await readFile(file, 'utf8'), M, 'aurora-dsql')).toEqual(E)
    await writeFile(file, removeServer(await readFile(file, 'utf8'), M, 'aurora-dsql', { created: u.created }).content)
    expect(await readFile(file)).toEqual(Buffer.from(original))
  })
})
