/** One line of project context in the steering text, e.g. the DSQL cluster endpoint. */
export interface ConnectionFact {
  /** Shown before the value, e.g. `Cluster endpoint`. One line. */
  label: string
  /** The known value. When absent (or empty) the placeholder is rendered instead. One line. */
  value?: string
  /**
   * Rendered when `value` is absent; then it must match `PLACEHOLDER_RE` so `doctor` finds it (may be empty when a value is given),
   * e.g. `<DSQL cluster endpoint: fill in, e.g. abc123.dsql.us-east-1.on.aws>`; build it with `makePlaceholder`.
   */
  placeholder: string
}

/** Everything a steering renderer needs for one skill and one agent. */
export interface SteeringInput {
  /** Skill name: 'dsql' | 'dynamodb' | 'aurora-postgresql' | 'aurora-mysql'. */
  skill: string
  /** Human title, e.g. 'Aurora DSQL'. */
  title: string
  /** One line; Cursor shows it as the rule's description. */
  description: string
  /** Completes "Do not fall back on ..." (the skill's SKILL.md metadata.fallback). */
  fallback: string
  /** The SKILL.md path THIS agent reads, project-relative with '/', e.g. '.kiro/skills/dsql/SKILL.md'. */
  skillPath: string
  /** The MCP server's config key when one is configured, e.g. 'aurora-dsql'. */
  mcpServerKey?: string
  /** The project's connection facts, in display order. */
  facts: ConnectionFact[]
}

/** The raw template texts from templates/steering/, loaded once by `loadSteeringTemplates`. */
export interface SteeringTemplates {
  /** The shared body: facts and the mandatory procedure. */
  body: string
  /** Whole Kiro steering file: front matter + body. */
  kiro: string
  /** Whole Cursor rule file: front matter + body. */
  cursor: string
  /** The procedure step when an MCP server is configured. */
  mcpConfigured: string
  /** The procedure step when no MCP server is configured. */
  mcpAbsent: string
}
