import { afterEach, describe, expect, it } from 'vitest'
import { color, resetColor } from '../../src/cli/color.js'

describe('color', () => {
  afterEach(() => resetColor())

  it.each([
    [{ FORCE_COLOR: '1' }, true],
    [{ FORCE_COLOR: '' }, true],
    [{ FORCE_COLOR: '0' }, false],
    [{ FORCE_COLOR: 'false' }, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    [{ NO_COLOR: '1' }, false],
    [{ TERM: 'dumb' }, false],
  ] as const)('%o → colour %s', (env, on) => {
    resetColor(env)
    expect(color.red('x')).toBe(on ? '\u001b[31mx\u001b[39m' : 'x')
    expect(color.dim('x')).toBe(on ? '\u001b[2mx\u001b[22m' : 'x')
  })

  it('follows stdout when nothing is forced (vitest: not a terminal)', () => {
    resetColor({})
    expect(color.green('x')).toBe(process.stdout.isTTY ? '\u001b[32mx\u001b[39m' : 'x')
  })
})
