/**
 * Argument validation the way the real server's FastMCP/pydantic layer does it: unknown keys ignored, JSON text
 * given for a list parameter parsed first, required fields and types checked, and every problem listed in one
 * "N validation errors for <tool>Arguments" message.
 */
import type { ToolSpec } from './tool-specs.js'

type Schema = { type?: string; anyOf?: Schema[]; items?: Schema; maxLength?: number; default?: unknown }

export class ArgumentError extends Error {}

const pyType = (v: unknown): string =>
  v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool'
    : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : 'dict'

const pyRepr = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'None'
  return (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/\bnull\b/g, 'None').replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False')
}

function check(schema: Schema, v: unknown): string | undefined {
  if (schema.anyOf) return schema.anyOf.some((s) => check(s, v) === undefined) ? undefined : check(schema.anyOf[0]!, v)
  switch (schema.type) {
    case 'null': return v === null ? undefined : 'Input should be None [type=none_required'
    case 'string':
      if (typeof v !== 'string') return 'Input should be a valid string [type=string_type'
      if (schema.maxLength !== undefined && v.length > schema.maxLength) return `String should have at most ${schema.maxLength} characters [type=string_too_long`
      return undefined
    case 'integer': return typeof v === 'number' && Number.isInteger(v) ? undefined : 'Input should be a valid integer [type=int_type'
    case 'boolean': return typeof v === 'boolean' ? undefined : 'Input should be a valid boolean [type=bool_type'
    case 'array':
      if (!Array.isArray(v)) return 'Input should be a valid list [type=list_type'
      if (schema.items?.type || schema.items?.anyOf) {
        for (const item of v) { const bad = check(schema.items, item); if (bad) return bad }
      }
      return undefined
    default: return undefined
  }
}

/** The arguments with defaults filled in, or throws ArgumentError with pydantic's wording. */
export function validateArguments(spec: ToolSpec, raw: unknown): Record<string, unknown> {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const props = (spec.inputSchema.properties ?? {}) as Record<string, Schema>
  const required = new Set((spec.inputSchema.required ?? []) as string[])
  const out: Record<string, unknown> = {}
  const errors: string[] = []
  for (const [name, schema] of Object.entries(props)) {
    let v = input[name]
    if (v === undefined) {
      if (required.has(name)) errors.push(`${name}\n  Field required [type=missing, input_value=${pyRepr(input)}, input_type=dict]`)
      else out[name] = schema.default ?? null
      continue
    }
    // FastMCP parses JSON text given for a non-string parameter (clients that stringify lists).
    if (typeof v === 'string' && schema.type !== 'string') {
      try { const parsed: unknown = JSON.parse(v); if (typeof parsed === 'object') v = parsed } catch { /* keep the string */ }
    }
    const bad = check(schema, v)
    if (bad) errors.push(`${name}\n  ${bad}, input_value=${pyRepr(v)}, input_type=${pyType(v)}]`)
    else out[name] = v
  }
  if (errors.length) {
    throw new ArgumentError(`${errors.length} validation error${errors.length > 1 ? 's' : ''} for ${String(spec.inputSchema.title)}\n${errors.join('\n')}`)
  }
  return out
}
