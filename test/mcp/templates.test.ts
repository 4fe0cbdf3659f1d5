import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVERS } from '../../src/mcp/catalog.js'
import { CLIENTS } from '../../src/mcp/clients.js'
import { renderTemplates } from '../../src/mcp/templates.js'

const DIR = fileURLToPath(new URL('../../templates/mcp/', import.meta.url))
const files = renderTemplates()

describe('templates/mcp', () => {
  if (process.env.UPDATE_GOLDEN === '1') {
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(DIR, rel)), { recursive: true })
      writeFileSync(join(DIR, rel), text)
    }
  }

  it('holds one template per client and server plus a README', () => {
    expect(files.size).toBe(CLIENTS.length * SERVERS.length + 1)
  })

  it.each([...files.keys()])('%s is up to date (UPDATE_GOLDEN=1 regenerates)', (rel) => {
    expect(readFileSync(join(DIR, rel), 'utf8')).toBe(files.get(rel))
  })

  it('has no files the generator does not make', () => {
    const onDisk = readdirSync(DIR, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(DIR.length).replaceAll('\\', '/'))
    expect(onDisk.sort()).toEqual([...files.keys()].sort())
  })

  it('needs no editing: no placeholders, no home path, no cluster, pinned', () => {
    for (const [rel, text] of files) {
      if (rel === 'README.md') continue
      expect(text).not.toMatch(/<[^>]*>|\/home\/|--cluster_endpoint|--db_cluster_arn|latest/)
      expect(SERVERS.some((s) => text.includes(`${s.package}@${s.version}`))).toBe(true)
    }
  })
})
