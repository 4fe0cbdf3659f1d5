import { describe, expect, it } from 'vitest'
import { classify, decide, explain, type Current } from '../../src/install/decide.js'

// The whole ownership rule, every combination, one line per case:
// current · want · recorded · force → action (reason)
const TABLE = `
absent   want  recorded  -      keep      user-deleted
absent   want  recorded  force  write     restore
absent   want  -         -      write     create
absent   want  -         force  write     create
wanted   want  recorded  -      unchanged same
wanted   want  recorded  force  unchanged same
wanted   want  -         -      unchanged same
wanted   want  -         force  unchanged same
recorded want  recorded  -      write     update
recorded want  recorded  force  write     update
other    want  recorded  -      keep      user-changed
other    want  recorded  force  write     take-over
other    want  -         -      conflict  foreign
other    want  -         force  write     take-over
absent   -     recorded  -      unchanged gone
absent   -     recorded  force  unchanged gone
absent   -     -         -      unchanged gone
absent   -     -         force  unchanged gone
recorded -     recorded  -      delete    remove
recorded -     recorded  force  delete    remove
wanted   -     recorded  -      delete    remove
other    -     recorded  -      keep      user-changed-remove
other    -     recorded  force  delete    force-remove
other    -     -         -      unchanged not-ours
other    -     -         force  unchanged not-ours
wanted   -     -         force  unchanged not-ours
`.trim().split('\n').map((l) => l.trim().split(/\s+/))

describe('the decision table', () => {
  it.each(TABLE)('%s want=%s recorded=%s force=%s → %s (%s)', (current, want, recorded, force, action, reason) => {
    expect(decide({ current: current as Current, want: want === 'want', recorded: recorded === 'recorded', force: force === 'force' })).toEqual({ action, reason })
  })

  it('force never turns an act into keep or conflict, and only ever acts where plain would keep or conflict', () => {
    for (const current of ['absent', 'wanted', 'recorded', 'other'] as const)
      for (const want of [true, false]) for (const recorded of [true, false]) {
        const plain = decide({ current, want, recorded, force: false })
        const forced = decide({ current, want, recorded, force: true })
        if (plain.action === 'keep' || plain.action === 'conflict') expect(['write', 'delete']).toContain(forced.action)
        else expect(forced.action).toBe(plain.action)
      }
  })

  it('nothing that is not ours is ever deleted, forced or not', () => {
    for (const current of ['absent', 'wanted', 'recorded', 'other'] as const)
      for (const force of [true, false]) expect(decide({ current, want: false, recorded: false, force }).action).toBe('unchanged')
  })

  it.each([
    [undefined, 'a', 'b', 'absent'],
    ['a', 'a', 'b', 'wanted'],
    ['b', 'a', 'b', 'recorded'],
    ['c', 'a', 'b', 'other'],
    ['a', 'a', undefined, 'wanted'],
    ['b', undefined, 'b', 'recorded'],
    ['b', undefined, undefined, 'other'],
  ] as const)('classify(now=%s, wanted=%s, recorded=%s) = %s', (now, wanted, recorded, expected) => {
    expect(classify(now, wanted, recorded)).toBe(expected)
  })

  it('every kept or conflicting reason has a message and a hint that names --force', () => {
    for (const r of ['user-deleted', 'user-changed', 'user-changed-remove', 'foreign'] as const) {
      const { message, hint } = explain(r, 'X')
      expect(message).toMatch(/^X /)
      expect(hint).toMatch(/--force/)
    }
  })
})
