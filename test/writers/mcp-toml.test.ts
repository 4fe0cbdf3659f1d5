import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/core/errors.js'
import { checkToml, readServer, removeServer, upsertServer } from '../../src/writers/mcp-toml.js'

const E = { command: 'uvx', args: ['awslabs.aurora-dsql-mcp-server@1.0.39'], env: { FASTMCP_LOG_LEVEL: 'ERROR' }, env_vars: ['AWS_ACCESS_KEY_ID'] }
const T = ['mcp_servers']
const up = (text: string | undefined, entry: object = E) => upsertServer(text, T, 'aurora-dsql', entry).content
const roundTrip = (text: string) => removeServer(up(text), T, 'aurora-dsql').content

const TABLE = [
  '[mcp_servers.aurora-dsql]',
  'command = "uvx"',
  'args = ["awslabs.aurora-dsql-mcp-server@1.0.39"]',
  'env = { FASTMCP_LOG_LEVEL = "ERROR" }',
  'env_vars = ["AWS_ACCESS_KEY_ID"]',
  '',
].join('\n')

describe('mcp-toml upsertServer', () => {
  it('creates a new file holding just our table', () => {
    expect(up(undefined)).toBe(TABLE)
    expect(removeServer(TABLE, T, 'aurora-dsql')).toEqual({ content: '', empty: true })
  })

  it('appends after a blank line and keeps comments and other tables', () => {
    const text = '# Codex settings\nmodel = "o3" # inline comment\n\n[mcp_servers.git]\ncommand = "uvx" # why\nargs = ["mcp-server-git"]\n'
    expect(up(text)).toBe(`${text}\n${TABLE}`)
    expect(roundTrip(text)).toBe(text)
  })

  it('keeps CRLF', () => {
    const text = 'model = "o3"\r\n[profiles.x]\r\nmodel = "o4"\r\n'
    const out = up(text)
    expect(out.replace(/\r\n/g, '')).not.toContain('\n')
    expect(readServer(out, T, 'aurora-dsql')).toEqual(E)
    expect(roundTrip(text)).toBe(text)
  })

  it('replaces our table in place, keeping what follows it (comments included)', () => {
    const text = '[mcp_servers.aurora-dsql]\ncommand = "old"\n# about the next one\n\n[mcp_servers.other]\ncommand = "x"\n'
    const out = up(text)
    expect(out).toBe(`${TABLE}# about the next one\n\n[mcp_servers.other]\ncommand = "x"\n`)
    expect(up(out)).toBe(out)
  })

  it('treats our sub-tables as part of our entry', () => {
    const text = '[mcp_servers.aurora-dsql]\ncommand = "old"\n\n[mcp_servers.aurora-dsql.env]\nX = "1"\n\n[other]\na = 1\n'
    expect(up(text)).toBe(`${TABLE}\n[other]\na = 1\n`)
  })

  it('does not mistake a header inside a multi-line string or array for a table', () => {
    const text = 'note = """\n[mcp_servers.aurora-dsql]\n"""\nmatrix = [\n  ["a"],\n  [ "b" ]\n]\n'
    const out = up(text)
    expect(out.startsWith(text)).toBe(true)
    expect(readServer(out, T, 'aurora-dsql')).toEqual(E)
    expect(roundTrip(text)).toBe(text)
  })

  it('refuses to edit an entry written inline, and a file that defines mcp_servers inline', () => {
    expect(() => up('[mcp_servers]\naurora-dsql = { command = "x" }\n')).toThrow(/form we do not edit/)
    expect(() => up('mcp_servers = { other = { command = "x" } }\n')).toThrow(/Cannot add \[mcp_servers\.aurora-dsql\]/)
  })

  it('quotes keys that are not bare', () => {
    const out = upsertServer(undefined, T, 'my server', { command: 'x', env: { 'A B': 'é\u007f' } }).content
    expect(out).toBe('[mcp_servers."my server"]\ncommand = "x"\nenv = { "A B" = "é\\u007F" }\n')
    expect(readServer(out, T, 'my server')).toEqual({ command: 'x', env: { 'A B': 'é\u007f' } })
  })
})

describe('mcp-toml unusable input', () => {
  it('mcp_servers that is not a table is a conflict on its line', () => {
    expect(checkToml('model = "o3"\nmcp_servers = 3\n', T)).toMatchObject({ line: 2, column: 1, message: '"mcp_servers" is not a table' })
    expect(() => up('model = "o3"\nmcp_servers = 3\n')).toThrow(/line 2, column 1/)
    expect(checkToml('[mcp_servers.x]\ncommand = "x"\n', T)).toBeUndefined()
  })

  it.each([
    ['unterminated array', 'a = 1\nb = [\n', 3, 1],
    ['bad key', 'model = "x"\n= 3\n', 2, 1],
    ['duplicate table', '[a]\nx = 1\n[a]\ny = 2\n', 3, 2],
  ])('%s gives line and column', (_name, text, line, column) => {
    expect(checkToml(text, T, '.codex/config.toml')).toMatchObject({ file: '.codex/config.toml', line, column })
    expect(() => up(text)).toThrow(UserError)
    expect(() => removeServer(text, T, 'aurora-dsql')).toThrow(/line \d+, column \d+/)
  })
})
