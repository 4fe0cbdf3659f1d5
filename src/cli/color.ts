/**
 * The few colours the CLI prints, without a colour library: chalk imports `node:tty` (and through it `net` and
 * `stream`) at load, which was a measurable part of every `dbskills add` even when nothing goes to a terminal.
 * The decision is made once, on first use, for stdout: FORCE_COLOR (non-empty, not 0/false) turns colour on,
 * NO_COLOR or TERM=dumb turns it off, otherwise colour only when stdout is a terminal that has colours.
 */
let enabled: boolean | undefined

function decide(env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return force === '' || !/^(0|false)$/i.test(force)
  if (env.NO_COLOR || env.TERM === 'dumb') return false
  return !!process.stdout.isTTY && (process.stdout.hasColors?.() ?? true)
}

const paint = (open: number, close: number) => (text: string): string => {
  enabled ??= decide()
  return enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
}

export const color = {
  bold: paint(1, 22),
  dim: paint(2, 22),
  red: paint(31, 39),
  green: paint(32, 39),
  yellow: paint(33, 39),
  magenta: paint(35, 39),
  cyan: paint(36, 39),
}

/** For tests: forget the decision so the next call decides again (from the given environment). */
export function resetColor(env?: NodeJS.ProcessEnv): void {
  enabled = env ? decide(env) : undefined
}
