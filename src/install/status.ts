import { join } from 'node:path'
import lt from 'semver/functions/lt.js'
import { CANONICAL_DIR, findAgent } from '../agents/registry.js'
import type { Skill } from '../knowledge/load.js'
import { hashFile, linkPointsTo, probe } from './disk.js'
import type { InstallRecord, Location } from './record.js'
import { byCodePoint } from '../core/paths.js'

export type InstallStatus = 'ok' | 'modified' | 'missing' | 'outdated'

export interface LocationStatus {
  skill: string
  agent: string
  path: string
  status: InstallStatus
  /** Why, when not ok. */
  detail?: string
}

/** State of one location on disk compared with what we recorded. */
export async function checkLocation(base: string, loc: Location, canonical: Location): Promise<{ status: Exclude<InstallStatus, 'outdated'>; detail?: string }> {
  const abs = join(base, loc.path)
  const here = await probe(abs)
  if (here.type === 'missing') return { status: 'missing', detail: `${loc.path} does not exist` }
  if (loc.type !== 'copy') {
    if (here.type !== 'symlink') return { status: 'modified', detail: `${loc.path} is no longer a link` }
    if (here.dangling) return { status: 'missing', detail: `${loc.path} is a broken link` }
    if (!(await linkPointsTo(here, abs, join(base, canonical.path)))) return { status: 'modified', detail: `${loc.path} points to ${here.text}` }
    return checkLocation(base, canonical, canonical)
  }
  if (here.type !== 'dir') return { status: 'modified', detail: `${loc.path} is no longer a folder` }
  for (const [rel, hash] of Object.entries(loc.files ?? {})) {
    const disk = await hashFile(join(abs, rel))
    if (disk === undefined) return { status: 'missing', detail: `${loc.path}/${rel} is missing` }
    if (disk !== hash) return { status: 'modified', detail: `${loc.path}/${rel} was changed` }
  }
  return { status: 'ok' }
}

/** Per skill and agent: ok | modified | missing | outdated (installed version older than the packaged one). */
export async function installStatus(base: string, record: InstallRecord, catalog: Skill[], scope: 'project' | 'global'): Promise<LocationStatus[]> {
  const out: LocationStatus[] = []
  for (const [name, rec] of Object.entries(record.skills).sort(([a], [b]) => byCodePoint(a, b))) {
    const canonical = rec.locations[0]
    if (!canonical) continue
    const packaged = catalog.find((s) => s.name === name)
    for (const id of rec.agents) {
      const agent = findAgent(id)
      const dir = agent ? (scope === 'global' ? agent.globalSkillsDir : agent.skillsDir) : CANONICAL_DIR
      const loc = rec.locations.find((l) => l.path === `${dir}/${name}`) ?? canonical
      const { status, detail } = await checkLocation(base, loc, canonical)
      const outdated = status === 'ok' && packaged && lt(rec.version, packaged.version)
      out.push({ skill: name, agent: id, path: loc.path, status: outdated ? 'outdated' : status, ...(outdated ? { detail: `${rec.version} installed, ${packaged!.version} available (dbskills update)` } : detail ? { detail } : {}) })
    }
  }
  return out
}

