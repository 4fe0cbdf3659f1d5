import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyPlan } from '../../src/install/apply.js'
import { emptyRecord, type InstallRecord } from '../../src/install/record.js'
import { planInstall, skillLocations } from '../../src/install/plan.js'
import { readSkillSource } from '../../src/install/source.js'
import { loadCatalog } from '../../src/knowledge/load.js'
import { agentById } from '../../src/agents/registry.js'
import { fixturePackage, isLink, project, read, DEMO_SKILL } from '../helpers/project.js'

// The platform is injected: on win32 a link is a junction with an absolute target, and when the junction
// cannot be made (no rights, odd filesystem) the folder is copied instead and recorded as a copy.
describe('Windows links', () => {
  it('plans junctions with absolute targets and falls back to a copy, recorded as such', async () => {
    const dir = await project()
    const { skills } = await loadCatalog(await fixturePackage())
    const source = await readSkillSource(skills[0]!)
    const ctx = { base: dir, home: dir, scope: 'project' as const, platform: 'win32' as const, force: false, packageVersion: '0.0.0', record: emptyRecord() }
    const locations = skillLocations('demo', ['kiro', 'claude-code', 'cursor'].map((a) => agentById(a as 'kiro')), 'auto', ctx)
    expect(locations.map((l) => `${l.path}:${l.type}`)).toEqual(['.agents/skills/demo:copy', '.kiro/skills/demo:copy', '.claude/skills/demo:junction', '.cursor/skills/demo:junction'])
    const plan = await planInstall(ctx, 'add', [{ source, locations, agents: ['claude-code'], link: 'auto' }])
    const links = plan.ops.filter((o) => o.kind === 'symlink')
    expect(links.map((o) => o.kind === 'symlink' && o.target)).toEqual([join(dir, '.agents/skills/demo'), join(dir, '.agents/skills/demo')])

    const refused = () => { throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }) }
    const result = await applyPlan(plan, { platform: 'win32', link: refused })
    expect(result.fallbacks).toEqual([join(dir, '.claude/skills/demo'), join(dir, '.cursor/skills/demo')])
    expect(await isLink(join(dir, '.claude/skills/demo'))).toBe(false)
    expect(await read(join(dir, '.claude/skills/demo/SKILL.md'))).toBe(DEMO_SKILL)
    const record = JSON.parse(await read(join(dir, '.agents/dbskills-lock.json'))) as InstallRecord
    const claude = record.skills.demo!.locations.find((l) => l.path === '.claude/skills/demo')!
    expect(claude.type).toBe('copy')
    expect(Object.keys(claude.files ?? {}).sort()).toEqual(['SKILL.md', 'references/topic.md'])
  })

  it('uses the junction type when linking on win32', async () => {
    const dir = await project()
    const { skills } = await loadCatalog(await fixturePackage())
    const source = await readSkillSource(skills[0]!)
    const ctx = { base: dir, home: dir, scope: 'project' as const, platform: 'win32' as const, force: false, packageVersion: '0.0.0', record: emptyRecord() }
    const plan = await planInstall(ctx, 'add', [{ source, locations: skillLocations('demo', [agentById('claude-code')], 'auto', ctx), agents: ['claude-code'], link: 'auto' }])
    const calls: string[] = []
    await applyPlan(plan, { platform: 'win32', link: (_t, _p, type) => { calls.push(String(type)) } })
    expect(calls).toEqual(['junction'])
  })
})
