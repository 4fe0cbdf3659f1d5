import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPlugin } from '../../src/cli/commands/plugin.js'
import { UsageError, UserError } from '../../src/core/errors.js'
import { SERVERS, serverForSkill } from '../../src/mcp/catalog.js'
import { clientById } from '../../src/mcp/clients.js'
import { buildEntry } from '../../src/mcp/entry.js'
import { parseMcpOptions, type RawMcpOptions } from '../../src/mcp/options.js'
import { findSecret } from '../../src/mcp/secrets.js'
import { buildTree, PLUGIN_SKILLS } from '../../src/plugins/bundle.js'
import { CHANNELS } from '../../src/plugins/channels.js'
import { PLUGIN_SETTINGS, settingEnvName } from '../../src/plugins/settings.js'
import { REPO } from '../helpers/cli.js'
import { captureIO, project, tree as diskTree } from '../helpers/project.js'

const tree = buildTree(REPO)
const text = (rel: string) => { const v = tree.get(rel); if (v === undefined) throw new Error(`no ${rel}`); return v.toString() }
const parsed = (rel: string) => JSON.parse(text(rel)) as Record<string, any>
const HOST = { platform: 'linux' as const, home: '~' }

/** Every string anywhere in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []

describe.each(PLUGIN_SKILLS)('plugin %s', (skill) => {
  const server = serverForSkill(skill)!
  const base = `plugins/${skill}`
  const manifests = [`${base}/mcp.json`, `${base}/.claude-plugin/plugin.json`, `${base}/.mcp.codex.json`, `${base}/gemini-extension.json`, `${base}/.cursor-plugin/plugin.json`]
  const entries = () => manifests.map((m) => {
    const doc = parsed(m)
    return [m, (doc.mcpServers as Record<string, any>)[server.key]] as const
  })

  it('carries the skill folder byte for byte', async () => {
    const src = join(REPO, 'skills', skill)
    const files = (await diskTree(src)).filter((l) => l.startsWith('f ')).map((l) => l.slice(2))
    expect(files.length).toBeGreaterThan(0)
    for (const rel of files) expect((tree.get(`${base}/skills/${skill}/${rel}`) as Buffer).equals(await readFile(join(src, rel)))).toBe(true)
    expect([...tree.keys()].filter((k) => k.startsWith(`${base}/skills/`)).length).toBe(files.length)
  })

  it('pins the same server version as dbskills add, read-only, in every channel', () => {
    for (const [m, e] of entries()) {
      expect(e, m).toBeDefined()
      expect(e.command, m).toBe('uvx')
      expect(e.args[0], m).toBe(`${server.package}@${server.version}`)
      expect(e.args, m).not.toContain('--allow-writes')
      expect(e.args, m).not.toContain('--allow_write_query')
    }
  })

  it('has no value that looks like a secret and no secret-shaped setting', () => {
    for (const m of manifests) for (const s of strings(parsed(m))) expect(findSecret(s), `${m}: ${s}`).toBeUndefined()
    for (const s of PLUGIN_SETTINGS[skill]) expect(s.key).not.toMatch(/secret|password|token|key$/i)
  })

  it('Claude Code: userConfig substituted gives exactly the entry dbskills add writes', () => {
    const doc = parsed(`${base}/.claude-plugin/plugin.json`)
    const declared = Object.keys(doc.userConfig ?? {})
    const refs = [...text(`${base}/.claude-plugin/plugin.json`).matchAll(/\$\{user_config\.(\w+)\}/g)].map((m) => m[1])
    expect(new Set(refs)).toEqual(new Set(declared))
    const values: Record<string, string> = {
      cluster_endpoint: 'abc123.dsql.us-west-2.on.aws', region: 'us-west-2', database_user: 'app_reader',
      cluster_arn: 'arn:aws:rds:us-west-2:123456789012:cluster:demo', database: 'shop', connection_method: 'RDS_API',
      db_type: skill === 'aurora-mysql' ? 'aurora-mysql' : 'APG',
    }
    const substituted = JSON.parse(JSON.stringify(doc.mcpServers[server.key]).replace(/\$\{user_config\.(\w+)\}/g, (_m, k: string) => values[k]!))
    const raw: RawMcpOptions = {}
    for (const s of PLUGIN_SETTINGS[skill]) (raw as Record<string, string>)[s.option] = values[s.key]!
    const viaAdd = buildEntry(server, parseMcpOptions(raw, { platform: 'linux', servers: [server.key] }), clientById('claude-code')!, HOST)
    expect(substituted).toEqual(viaAdd)
  })

  it('Claude Code: nothing configured gives the docs-only/unconnected server of a flagless dbskills add (empty values)', () => {
    const doc = parsed(`${base}/.claude-plugin/plugin.json`)
    const defaults = Object.fromEntries(Object.entries(doc.userConfig ?? {}).map(([k, v]) => [k, (v as { default: string }).default]))
    const args: string[] = JSON.parse(JSON.stringify(doc.mcpServers[server.key].args).replace(/\$\{user_config\.(\w+)\}/g, (_m, k: string) => defaults[k]!))
    if (skill === 'dsql') expect(args[args.indexOf('--cluster_endpoint') + 1]).toBe('') // server.py: empty endpoint = docs only
    if (skill.startsWith('aurora-')) expect(args[args.indexOf('--db_type') + 1]).toBe('') // server.py: empty --db_type = no connect at startup
  })

  it('Gemini CLI: every ${NAME:-default} is a declared setting; Cursor refers to the same variables', () => {
    const doc = parsed(`${base}/gemini-extension.json`)
    const declared = (doc.settings ?? []).map((s: { envVar: string }) => s.envVar)
    expect(declared).toEqual(PLUGIN_SETTINGS[skill].map((s) => settingEnvName(skill, s)))
    const used = [...JSON.stringify(doc.mcpServers).matchAll(/\$\{(\w+):-[^}]*\}/g)].map((m) => m[1])
    expect(new Set(used)).toEqual(new Set(declared))
    const cursor = [...JSON.stringify(parsed(`${base}/.cursor-plugin/plugin.json`).mcpServers).matchAll(/\$\{env:(\w+)\}/g)].map((m) => m[1])
    expect(new Set(cursor)).toEqual(new Set(declared))
    expect(text(`${base}/GEMINI.md`)).toContain(`\`${skill}\` skill`)
    expect(text(`${base}/rules/dbskills-${skill}.mdc`)).toMatch(/^---\ndescription: .+\nalwaysApply: true\n---\n/)
  })

  it('Agent Plugins 1.0: closed manifest, $schema, a type on every server, no expansion beyond the spec', () => {
    const manifest = parsed(`${base}/plugin.json`)
    const allowed = ['$schema', 'name', 'version', 'description', 'author', 'homepage', 'repository', 'license', 'keywords', 'extensions']
    expect(Object.keys(manifest).filter((k) => !allowed.includes(k))).toEqual([])
    expect(manifest.$schema).toBe('https://agent-plugins.org/schemas/1.0.0/plugin.schema.json')
    expect(manifest.name).toMatch(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/)
    const mcp = parsed(`${base}/mcp.json`)
    expect(Object.keys(mcp).sort()).toEqual(['$schema', 'mcpServers'])
    for (const e of Object.values(mcp.mcpServers) as Record<string, unknown>[]) {
      expect(e.type).toBe('stdio')
      expect(Object.keys(e).filter((k) => !['type', 'command', 'args', 'env', 'cwd'].includes(k))).toEqual([])
      expect(JSON.stringify(e)).not.toMatch(/\$\{(?!PLUGIN_ROOT\}|PLUGIN_DATA\})/)
    }
  })
})

describe('marketplace', () => {
  it('lists one plugin per database, each pointing at its folder', () => {
    const m = parsed('.claude-plugin/marketplace.json')
    expect(m.plugins.map((p: { name: string; source: string }) => [p.name, p.source])).toEqual(SERVERS.map((s) => [s.skill, `./plugins/${s.skill}`]))
  })
  it('has a channel entry with an install command and its limits for every channel', () => {
    for (const c of CHANNELS) expect(c.install.length * c.limits.length, c.id).toBeGreaterThan(0)
  })
})

describe('dbskills plugin <channel>', () => {
  it('writes one channel into an empty folder and refuses a non-empty one without --force', async () => {
    const out = await project({}, 'dbskills-plugin-out-')
    const io = captureIO(true)
    expect(await runPlugin('gemini', { out, json: true }, io, { packageRoot: REPO })).toBe(0)
    const doc = JSON.parse(io.stdout.join(''))
    expect(doc.files).toContain('plugins/dsql/gemini-extension.json')
    expect(doc.files).not.toContain('plugins/dsql/.claude-plugin/plugin.json')
    expect(await readFile(join(out, 'plugins/dsql/gemini-extension.json'), 'utf8')).toBe(text('plugins/dsql/gemini-extension.json'))
    await expect(runPlugin('gemini', { out }, captureIO(), { packageRoot: REPO })).rejects.toBeInstanceOf(UserError)
    expect(await runPlugin('gemini', { out, force: true }, captureIO(), { packageRoot: REPO })).toBe(0)
  })
  it('writes nothing with --dry-run and exports only the named skills', async () => {
    const out = await project({}, 'dbskills-plugin-dry-')
    const io = captureIO(true)
    expect(await runPlugin('claude', { out, dryRun: true, json: true, skill: ['dsql'] }, io, { packageRoot: REPO })).toBe(0)
    expect(await readdir(out)).toEqual([])
    const files: string[] = JSON.parse(io.stdout.join('')).files
    expect(files).toContain('.claude-plugin/marketplace.json')
    expect(files.some((f) => f.startsWith('plugins/dynamodb/'))).toBe(false)
  })
  it('rejects an unknown channel, an unknown skill and a missing --out as usage errors', async () => {
    await expect(runPlugin('vim', { out: 'x' }, captureIO(), { packageRoot: REPO })).rejects.toBeInstanceOf(UsageError)
    await expect(runPlugin('claude', { out: 'x', skill: ['redis'] }, captureIO(), { packageRoot: REPO })).rejects.toBeInstanceOf(UsageError)
    await expect(runPlugin('claude', {}, captureIO(), { packageRoot: REPO })).rejects.toBeInstanceOf(UsageError)
  })
})
