/**
 * Markdown structure for validation and tests: code fences and relative links with their lines.
 * Loads the remark stack (about 100 ms of imports), so only `validate` and the knowledge tests use it.
 */
import type { Code, Definition, Link, Image, Root, Nodes } from 'mdast'

export interface Fence {
  /** First word of the info string (`sql`, `sql-wrong`, `json`...), or '' when none. */
  lang: string
  /** The rest of the info string. */
  meta: string
  /** Content with the fence's indentation removed. */
  value: string
  /** 1-based line of the opening fence. */
  line: number
}

export interface MdLink {
  url: string
  /** 1-based line where the link starts. */
  line: number
}

async function parse(markdown: string): Promise<Root> {
  const [{ unified }, { default: remarkParse }, { default: remarkFrontmatter }, { default: remarkGfm }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-frontmatter'),
    import('remark-gfm'),
  ])
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(markdown) as Root
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node)
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit)
}

/** Every fenced or indented code block, in document order. */
export async function codeFences(markdown: string): Promise<Fence[]> {
  const out: Fence[] = []
  walk(await parse(markdown), (n) => {
    if (n.type !== 'code') return
    const c = n as Code
    out.push({ lang: c.lang ?? '', meta: c.meta ?? '', value: c.value, line: c.position?.start.line ?? 0 })
  })
  return out
}

/** Every link, image and link definition target, in document order. */
export async function links(markdown: string): Promise<MdLink[]> {
  const out: MdLink[] = []
  walk(await parse(markdown), (n) => {
    if (n.type === 'link' || n.type === 'image' || n.type === 'definition') {
      const l = n as Link | Image | Definition
      out.push({ url: l.url, line: l.position?.start.line ?? 0 })
    }
  })
  return out
}

/** True for a link that points into the file tree (not a URL, not mailto:, not a bare #anchor). */
export function isRelativeLink(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//')
}
