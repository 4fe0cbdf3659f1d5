/**
 * `dbskills doctor`: what is installed, checked against the disk. Each finding says what is wrong and the fix.
 */
import { access } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { decodeText, Snapshot } from '../install/snapshot.js'
import type { InstallRecord } from '../install/record.js'
import { checkLocation } from '../install/status.js'
import { anyServerByKey } from '../mcp/catalog.js'
import { clientById } from '../mcp/clients.js'
import { imageName } from '../mcp/entry.js'
import { writerFor } from '../writers/config-writer.js'
import { findPlaceholders } from '../steering/placeholder.js'
import { findSkillPaths } from '../steering/skill-pointer.js'
import { readBlock } from '../writers/managed-block.js'
import { byCodePoint } from '../core/paths.js'

export interface Finding {
  level: 'ok' | 'warn' | 'error'
  skill: string
  /** Base-relative path the finding is about. */
  path: string
  message: string
  fix?: string
}

export interface DoctorEnv {
  base: string
  env: Readonly<Record<string, string | undefined>>
  platform: NodeJS.Platform
}

/** Whether `command` is an executable on PATH (PATHEXT on Windows). */
export async function onPath(command: string, env: DoctorEnv['env'], platform: NodeJS.Platform): Promise<boolean> {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean)
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  for (const d of dirs) for (const e of exts) if (await access(join(d, command + e)).then(() => true, () => false)) return true
  return false
}

const LAUNCHER_FIX: Record<string, string> = {
  uvx: 'install uv (https://docs.astral.sh/uv/) so uvx is on PATH, or re-run add with --runtime docker',
  uv: 'install uv (https://docs.astral.sh/uv/) so uv is on PATH',
  docker: 'install Docker (or re-run add with --runtime uvx)',
}

export async function runChecks(record: InstallRecord, d: DoctorEnv): Promise<Finding[]> {
  const out: Finding[] = []
  const snap = new Snapshot(d.base)
  const readText = (rel: string): string | undefined => {
    const st = snap.follow(rel)
    if (st.kind !== 'file') return undefined
    const t = decodeText(st.bytes)
    return 'text' in t ? t.text : undefined
  }
  const launchers = new Set<string>()
  for (const [skill, rec] of Object.entries(record.skills).sort(([a], [b]) => byCodePoint(a, b))) {
    const canonical = rec.locations[0]
    if (!canonical) continue
    // Skills, per location: present, not a dangling link, unchanged; a copy identical to the canonical copy.
    for (const loc of rec.locations) {
      const { status, detail } = checkLocation(snap, loc, canonical)
      if (status !== 'ok') out.push({ level: 'error', skill, path: loc.path, message: detail ?? status, fix: `keep your change, or run dbskills update ${skill} --force to restore what dbskills installed` })
      else if (loc !== canonical && loc.type === 'copy') {
        for (const rel of Object.keys(canonical.files ?? {})) {
          if (snap.hash(`${loc.path}/${rel}`) !== snap.hash(`${canonical.path}/${rel}`))
            { out.push({ level: 'error', skill, path: `${loc.path}/${rel}`, message: `differs from ${canonical.path}/${rel}`, fix: `run dbskills update ${skill}` }); break }
        }
      }
    }
    // Steering: present, and every SKILL.md it points at exists.
    for (const e of rec.steering) {
      const text = readText(e.path)
      const part = text === undefined ? undefined : e.kind === 'file' ? text : (() => { try { return readBlock(text, skill) } catch { return undefined } })()
      if (part === undefined) { out.push({ level: 'error', skill, path: e.path, message: e.kind === 'file' ? 'steering file is missing' : `the ${skill} block is missing or its markers are damaged`, fix: `run dbskills update ${skill} --force to restore it (a plain update leaves what you deleted deleted)` }); continue }
      for (const p of findSkillPaths(part)) {
        if (readText(p) === undefined) out.push({ level: 'error', skill, path: e.path, message: `points at ${p}, which does not exist`, fix: `run dbskills update ${skill}` })
      }
      const holes = findPlaceholders(part)
      if (holes.length) out.push({ level: 'warn', skill, path: e.path, message: `not filled in: ${holes.join(', ')}`, fix: 'edit the file, or re-run dbskills add with the matching flags (see dbskills add --help)' })
    }
    // MCP: the config parses, holds our entry, with the catalog's pinned package version.
    for (const e of rec.mcp) {
      const client = clientById(e.client)
      const server = anyServerByKey(e.key)
      if (!client || !server) continue
      const text = readText(e.path)
      if (text === undefined) { out.push({ level: 'error', skill, path: e.path, message: 'MCP config file is missing', fix: `run dbskills update ${skill} --force to restore it` }); continue }
      const writer = await writerFor(client)
      const bad = writer.check(text, client.topKeyPath, e.path)
      if (bad) { out.push({ level: 'error', skill, path: e.path, message: `does not parse: ${bad.message} (line ${bad.line}, column ${bad.column})`, fix: 'fix the file by hand' }); continue }
      const entry = writer.readServer(text, client.topKeyPath, e.key) as { command?: string; args?: string[] } | undefined
      if (!entry) { out.push({ level: 'error', skill, path: e.path, message: `has no "${e.key}" server`, fix: `run dbskills update ${skill} --force to restore it` }); continue }
      const pin = `${server.package}@${server.version}`
      if (!JSON.stringify(entry.args ?? []).includes(pin) && !JSON.stringify(entry.args ?? []).includes(`${imageName(server.package)}:${server.version}`))
        out.push({ level: 'error', skill, path: e.path, message: `"${e.key}" does not run ${pin}, the version this dbskills pins`, fix: `run dbskills update ${skill} (add --force if you changed the entry)` })
      if (entry.command) launchers.add(entry.command)
    }
  }
  for (const cmd of [...launchers].sort()) {
    if (!(await onPath(cmd, d.env, d.platform))) out.push({ level: 'warn', skill: '*', path: cmd, message: `${cmd} is not on PATH, so the MCP server cannot start`, fix: LAUNCHER_FIX[cmd] ?? `install ${cmd}` })
  }
  return out
}

