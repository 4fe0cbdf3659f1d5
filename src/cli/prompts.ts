import type { Agent } from '../agents/registry.js'
import { UserError } from '../core/errors.js'
import type { Skill } from '../knowledge/load.js'

// Only loaded with a TTY: @clack/prompts never resolves when stdin is not a terminal.
async function clack() {
  return import('@clack/prompts')
}

function orCancel<T>(value: T | symbol, isCancel: (v: unknown) => boolean): T {
  if (isCancel(value)) throw new UserError('Cancelled; nothing was written.')
  return value as T
}

export async function askSkills(all: Skill[]): Promise<string[]> {
  const p = await clack()
  const v = await p.multiselect({ message: 'Which skills?', options: all.map((s) => ({ value: s.name, label: `${s.name} ${s.version}`, hint: s.description.slice(0, 60) })), required: true })
  return orCancel(v, p.isCancel) as string[]
}

export async function askAgents(all: readonly Agent[], preselected: Agent[]): Promise<Agent['id'][]> {
  const p = await clack()
  const v = await p.multiselect({ message: 'Install for which agents?', options: all.map((a) => ({ value: a.id, label: a.displayName })), initialValues: preselected.map((a) => a.id), required: true })
  return orCancel(v, p.isCancel) as Agent['id'][]
}
