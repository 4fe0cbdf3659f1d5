import { color } from './color.js'
import { displayPath } from '../core/paths.js'
import type { ApplyResult } from '../install/apply.js'
import type { FileOp, Plan } from '../install/types.js'
import { isNoop } from '../install/types.js'

function opAction(op: FileOp): string {
  switch (op.kind) {
    case 'write': return op.action
    case 'tree': return 'create'
    case 'symlink': return op.action === 'unchanged' ? 'unchanged' : op.action === 'create' ? 'link' : 'relink'
    case 'delete': return 'delete'
    case 'rmdir': return 'rmdir'
    case 'keep': return 'keep'
  }
}

/** The plan as plain data for --json: paths relative to the base, no file contents. */
export function planJson(plan: Plan, extra: Record<string, unknown> = {}) {
  const rel = (p: string) => displayPath(plan.base, p)
  return {
    command: plan.command,
    base: plan.base,
    skills: plan.skills,
    noop: isNoop(plan),
    ops: plan.ops.map((op) => ({
      kind: op.kind,
      action: opAction(op),
      role: op.role,
      path: rel(op.path),
      ...(op.kind === 'symlink' ? { target: op.target } : {}),
      ...(op.kind === 'tree' ? { files: op.files.map((f) => f.rel) } : {}),
      ...(op.kind === 'keep' ? { reason: op.reason } : {}),
    })),
    conflicts: plan.conflicts.map((c) => ({ path: rel(c.path), message: c.message, hint: c.hint })),
    warnings: plan.warnings,
    ...extra,
  }
}

const MARK: Record<string, string> = {
  create: color.green('+'), update: color.yellow('~'), link: color.cyan('→'), relink: color.cyan('→'),
  delete: color.red('-'), rmdir: color.red('-'), keep: color.magenta('!'), unchanged: color.dim('='),
}

/**
 * Human plan: one line per changed path, unchanged files folded into a count, kept files called out.
 * Files inside one skill folder are grouped so a 20-file copy reads as one line.
 */
export function renderPlan(plan: Plan, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = []
  const rel = (p: string) => displayPath(plan.base, p)
  const groups = new Map<string, { action: string; count: number; op: FileOp }>()
  let unchanged = 0
  let rmdirs = 0
  for (const op of plan.ops) {
    const action = opAction(op)
    if (action === 'unchanged') { unchanged++; if (!opts.verbose) continue }
    if (op.kind === 'rmdir' && !opts.verbose) { rmdirs++; continue }
    // Group skill files by their skill folder (…/skills/<name>).
    const m = op.role === 'skill' && op.kind !== 'keep' ? rel(op.path).match(/^(.*?skills\/[^/]+)(\/|$)/) : null
    const key = m && !opts.verbose ? `${action} ${m[1]}/` : `${action} ${rel(op.path)}`
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { action, count: 1, op })
  }
  for (const [key, g] of groups) {
    const path = key.slice(g.action.length + 1)
    const extra = g.op.kind === 'tree' ? color.dim(` (${g.op.files.length} files)`) : g.op.kind === 'symlink' ? color.dim(` -> ${g.op.target}`) : g.op.kind === 'keep' ? color.dim(` (${g.op.reason})`) : g.count > 1 ? color.dim(` (${g.count} files)`) : ''
    lines.push(`  ${MARK[g.action] ?? ' '} ${g.action.padEnd(9)} ${path}${extra}`)
  }
  if (rmdirs) lines.push(color.dim(`    and the folders dbskills created, where empty`))
  if (unchanged && !opts.verbose) lines.push(color.dim(`    ${unchanged} file(s) already up to date`))
  for (const c of plan.conflicts) lines.push(`${color.red('  ✖ conflict')} ${c.message}\n      ${c.hint}`)
  for (const w of plan.warnings) lines.push(`${color.yellow('  ⚠')} ${w}`)
  return lines.join('\n')
}

export function summarize(plan: Plan, result: ApplyResult): string {
  const n = (kind: string) => result.done.filter((o) => o.kind === kind).length
  const parts = [
    n('write') && `${n('write')} file(s) written`,
    n('symlink') && `${n('symlink')} link(s) made`,
    (n('delete') + n('rmdir')) && `${n('delete') + n('rmdir')} path(s) removed`,
  ].filter(Boolean)
  const lines = [parts.length ? `Done: ${parts.join(', ')}.` : 'Done.']
  for (const f of result.fallbacks) lines.push(color.yellow(`  ⚠ could not link ${displayPath(plan.base, f)}; copied instead (on Windows, enable Developer Mode for links).`))
  return lines.join('\n')
}
