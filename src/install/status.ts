import { join } from 'node:path'
import lt from 'semver/functions/lt.js'
import { CANONICAL_DIR, findAgent } from '../agents/registry.js'
import type { Skill } from '../knowledge/load.js'
import { linksTo } from './location.js'
import { Snapshot } from './snapshot.js'
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

/** State of one location on disk compared with what we recorded (read through the same snapshot as the planner). */
export function checkLocation(snap: Snapshot, loc: Location, canonical: Location): { status: Exclude<InstallStatus, 'outdated'>; detail?: string } {
  const here = snap.at(loc.path)
  if (here.kind === 'missing') return { status: 'missing', detail: `${loc.path} does not exist` }
  if (here.kind === 'blocked') return { status: 'modified', detail: `${loc.path} cannot be reached (${here.blocker.reason} at ${here.blocker.via})` }
  if (loc.type !== 'copy') {
    if (here.kind !== 'link') return { status: 'modified', detail: `${loc.path} is no longer a link` }
    if (here.dangling) return { status: 'missing', detail: `${loc.path} is a broken link` }
    if (!linksTo(snap, here, loc.target, join(snap.base, canonical.path))) return { status: 'modified', detail: `${loc.path} points to ${here.text}` }
    return checkLocation(snap, canonical, canonical)
  }
  const dir = here.kind === 'link' ? snap.follow(loc.path) : here
  if (dir.kind !== 'dir') return { status: 'modified', detail: `${loc.path} is no longer a folder` }
  for (const [rel, hash] of Object.entries(loc.files ?? {})) {
    const disk = snap.hash(`${dir.rel}/${rel}`)
    if (disk === undefined) return { status: 'missing', detail: `${loc.path}/${rel} is missing` }
    if (disk !== hash) return { status: 'modified', detail: `${loc.path}/${rel} was changed` }
  }
  return { status: 'ok' }
}

/** Per skill and agent: ok | modified | missing | outdated (installed version older than the packaged one). */
export async function installStatus(base: string, record: InstallRecord, catalog: Skill[], scope: 'project' | 'global'): Promise<LocationStatus[]> {
  const out: LocationStatus[] = []
  const snap = new Snapshot(base)
  for (const [name, rec] of Object.entries(record.skills).sort(([a], [b]) => byCodePoint(a, b))) {
    const canonical = rec.locations[0]
    if (!canonical) continue
    const packaged = catalog.find((s) => s.name === name)
    for (const id of rec.agents) {
      const agent = findAgent(id)
      const dir = agent ? (scope === 'global' ? agent.globalSkillsDir : agent.skillsDir) : CANONICAL_DIR
      const loc = rec.locations.find((l) => l.path === `${dir}/${name}`) ?? canonical
      const { status, detail } = checkLocation(snap, loc, canonical)
      const outdated = status === 'ok' && packaged && lt(rec.version, packaged.version)
      out.push({ skill: name, agent: id, path: loc.path, status: outdated ? 'outdated' : status, ...(outdated ? { detail: `${rec.version} installed, ${packaged!.version} available (dbskills update)` } : detail ? { detail } : {}) })
    }
  }
  return out
}

