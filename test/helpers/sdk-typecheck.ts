/**
 * Type-checks JSON request bodies from the skills against an AWS SDK for JavaScript v3 client's input types with the
 * TypeScript compiler: each body becomes `const rN = <json> satisfies <Operation>CommandInput`, so a misspelt or
 * missing member, a wrong enum value or a wrong nesting is a compile error (object literals get excess-property
 * checks under `satisfies`). The file is written under node_modules/.cache so the SDK resolves from the project.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TypedRequest {
  /** Where the body came from, for messages. */
  where: string
  /** SDK operation name, e.g. `SearchVectors`: checked as `SearchVectorsCommandInput`. */
  operation: string
  body: unknown
}

/** Compiler errors per request (`where` → messages); an empty map means every body matches its input type. */
export async function typecheckRequests(root: string, sdkPackage: string, requests: TypedRequest[]): Promise<Map<string, string[]>> {
  const ts = (await import('typescript')).default
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'dbskills-typecheck-'))
  try {
    const types = [...new Set(requests.map((r) => `${r.operation}CommandInput`))]
    const lines = [`import type { ${types.join(', ')} } from '${sdkPackage}'`]
    const lineOf: Array<[number, string]> = []
    requests.forEach((r, i) => {
      lineOf.push([lines.length, r.where])
      lines.push(`export const r${i} = ${JSON.stringify(r.body)} satisfies ${r.operation}CommandInput`)
    })
    const file = join(dir, 'requests.ts')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
    })
    const out = new Map<string, string[]>()
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1
      const where = d.file?.fileName === file ? (lineOf.find(([l]) => l === line)?.[1] ?? 'import') : (d.file?.fileName ?? 'program')
      out.set(where, [...(out.get(where) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')])
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
