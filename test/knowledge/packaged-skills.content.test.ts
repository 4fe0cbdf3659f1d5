// Every packaged skill passes `dbskills validate` (Markdown-aware link checks over the real 18+ file skills: seconds,
// so it runs in the `content` project, not the fast default loop).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runValidate } from '../../src/cli/commands/validate.js'
import { captureIO } from '../helpers/project.js'

describe('packaged skills', () => {
  it('the packaged skills all validate', async () => {
    const io = captureIO(true)
    const code = await runValidate(join(import.meta.dirname, '..', '..', 'skills'), { json: true }, io)
    const result = JSON.parse(io.stdout.join(''))
    expect(result.skills.flatMap((s: { issues: unknown[] }) => s.issues)).toEqual([])
    expect(code).toBe(0)
  })
})
