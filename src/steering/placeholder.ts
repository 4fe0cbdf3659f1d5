/**
 * Placeholders: the explicit marker for a connection fact the user has not given yet.
 * One shape everywhere, `<what: fill in>` or `<what: fill in, e.g. example>`, so `doctor` can find every
 * unfilled fact in a steering file or managed block with one regex, and an agent reading it sees at once
 * that the value is missing rather than a real (wrong) one.
 */
import { InternalError } from '../core/errors.js'

/**
 * Matches one placeholder. Not global, so `.test()` carries no `lastIndex` state between calls;
 * `findPlaceholders` builds its own global copy.
 */
export const PLACEHOLDER_RE = /<[^<>\r\n:]+: fill in(?:, e\.g\. [^<>\r\n]+)?>/

/** Every placeholder in `text`, in order of appearance (duplicates kept, so counts are honest). */
export function findPlaceholders(text: string): string[] {
  return [...text.matchAll(new RegExp(PLACEHOLDER_RE.source, 'g'))].map((m) => m[0])
}

/**
 * Builds a placeholder in the one recognised shape.
 * @param what what is missing, e.g. 'DSQL cluster endpoint' (no `<`, `>`, `:` or line break)
 * @param example an example value, e.g. 'abc123.dsql.us-east-1.on.aws'
 */
export function makePlaceholder(what: string, example?: string): string {
  const text = example === undefined ? `<${what}: fill in>` : `<${what}: fill in, e.g. ${example}>`
  if (!isPlaceholder(text)) {
    throw new InternalError(`cannot build a placeholder from ${JSON.stringify(what)} / ${JSON.stringify(example)}: avoid < > : and line breaks in "what", and < > and line breaks in the example`)
  }
  return text
}

/** True when `text` is exactly one placeholder, nothing around it. */
export function isPlaceholder(text: string): boolean {
  return new RegExp(`^(?:${PLACEHOLDER_RE.source})$`).test(text)
}
