import { join } from 'node:path'
import { readText } from './disk.js'
import type { FileOp, OpRole } from './types.js'

/**
 * The text files a plan edits, held in memory: several edits to one file (two skills' blocks in CLAUDE.md,
 * two servers in .mcp.json) chain on the draft, and each file becomes one write or delete op at the end.
 */
export class Draft {
  private readonly files = new Map<string, { before: string | undefined; now: string | undefined; role: OpRole }>()
  constructor(private readonly base: string) {}

  /** Current text of a base-relative file: the draft's, else the disk's (undefined when absent). */
  async read(rel: string): Promise<string | undefined> {
    const f = this.files.get(rel)
    if (f) return f.now
    const text = await readText(join(this.base, rel))
    this.files.set(rel, { before: text, now: text, role: 'steering' })
    return text
  }

  async write(rel: string, text: string, role: OpRole): Promise<void> {
    await this.read(rel)
    const f = this.files.get(rel)!
    f.now = text
    f.role = role
  }

  async delete(rel: string, role: OpRole): Promise<void> {
    await this.read(rel)
    const f = this.files.get(rel)!
    f.now = undefined
    f.role = role
  }

  /** One op per file that changed (plus `unchanged` writes, so a no-op rerun says what it checked). */
  ops(): FileOp[] {
    const out: FileOp[] = []
    for (const [rel, f] of this.files) {
      const path = join(this.base, rel)
      if (f.now === undefined) {
        if (f.before !== undefined) out.push({ kind: 'delete', path, what: 'file', role: f.role })
        continue
      }
      if (f.before === f.now) {
        out.push({ kind: 'write', path, content: f.now, action: 'unchanged', role: f.role })
        continue
      }
      out.push({ kind: 'write', path, content: f.now, action: f.before === undefined ? 'create' : 'update', role: f.role })
    }
    return out
  }
}
