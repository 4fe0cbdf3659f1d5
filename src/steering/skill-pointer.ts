/**
 * The SKILL.md paths a steering text points the agent to. `doctor` uses it to check that a steering file or
 * managed block still points at a SKILL.md that exists (a moved or removed skill leaves a dangling pointer,
 * which is as bad as no steering: seeds/000). Matches code spans, the form the templates write paths in.
 */
const POINTER = /`([^`\s\\]*SKILL\.md)`/g

/** Every distinct SKILL.md path written as a code span in `text`, in order of first appearance. */
export function findSkillPaths(text: string): string[] {
  return [...new Set([...text.matchAll(POINTER)].map((m) => m[1] ?? ''))].filter((p) => p === 'SKILL.md' || p.endsWith('/SKILL.md'))
}
