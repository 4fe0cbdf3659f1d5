/**
 * The MCP server's own text checks, ported from awslabs.aurora-dsql-mcp-server 1.0.39
 * (awslabs/aurora_dsql_mcp_server/mutable_sql_detector.py): the read-only gate (mutating keywords), the injection
 * heuristics (run in both modes, keyword tier only read-only) and the stacked-statement bypass check. The sandbox
 * refuses exactly what that server refuses before anything reaches the database, so a rehearsal also surfaces
 * the guard's false positives (UNION, FOR UPDATE, replace()) the skill warns about.
 */
import { blankStringLiterals, normalizeForDetection } from './sql-lexer.js'

const MUTATING_KEYWORDS = [
  'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'TRUNCATE', 'CREATE', 'DROP', 'ALTER', 'RENAME', 'GRANT', 'REVOKE',
  'LOAD DATA', 'LOAD XML', 'INSTALL PLUGIN', 'UNINSTALL PLUGIN', 'COPY', 'MERGE', 'UPSERT',
]
const MUTATING = new RegExp(`\\b(${MUTATING_KEYWORDS.join('|')})\\b`, 'gi')
const OBJECTS = 'TABLE|VIEW|INDEX|TRIGGER|PROCEDURE|FUNCTION|EVENT|SCHEMA|DATABASE|ROLE|USER'
const DDL = new RegExp(`^\\s*(CREATE\\s+(${OBJECTS})|DROP\\s+(${OBJECTS})|ALTER\\s+(${OBJECTS.replace('INDEX|', '')})|RENAME\\s+(TABLE)|TRUNCATE)\\b`, 'i')
const PERMISSION = /^\s*(GRANT(\s+ROLE)?|REVOKE(\s+ROLE)?|CREATE\s+(USER|ROLE)|DROP\s+(USER|ROLE)|SET\s+DEFAULT\s+ROLE|SET\s+PASSWORD|ALTER\s+USER|RENAME\s+USER)\b/i
const SYSTEM = /^\s*(SET\s+(GLOBAL|PERSIST|SESSION)|RESET\s+(PERSIST|MASTER|SLAVE)|FLUSH\s+(PRIVILEGES|HOSTS|LOGS|STATUS|TABLES)?|INSTALL\s+PLUGIN|UNINSTALL\s+PLUGIN|CHANGE\s+MASTER\s+TO|START\s+SLAVE|STOP\s+SLAVE|SET\s+GTID_PURGED|PURGE\s+BINARY\s+LOGS|LOAD\s+DATA\s+INFILE|SELECT\s.*\bINTO\s+OUTFILE|USE\s+\w+|SET\s+autocommit|COPY\s.*\bFROM|COPY\s.*\bTO)\b/i
const STATEMENT_KEYWORD = /^\s*(CALL|DO|VACUUM|ANALYZE|REINDEX|CLUSTER|REFRESH|COMMENT\s+ON|SECURITY\s+LABEL|IMPORT\s+FOREIGN\s+SCHEMA|LOAD|DISCARD)\b/i
const SEQUENCE_FUNCTION = /\b(?:setval|nextval)\s*\(/i
const SESSION_MUTATION = /(\bset_config\s*\(|^\s*SET\s+TRANSACTION\b[\s\S]*?READ\s+WRITE\b|^\s*SET\s+(?!TRANSACTION\b)\S|^\s*RESET\b|^\s*DISCARD\b|^\s*(LISTEN|NOTIFY|UNLISTEN)\b|^\s*LOCK\b|^\s*(PREPARE|DEALLOCATE)\b|^\s*DECLARE\b[^\n]*\bCURSOR\b|^\s*EXECUTE\b)/i
const TRANSACTION_CONTROL = /^\s*(BEGIN(\s+TRANSACTION)?(\s+READ\s+ONLY)?|COMMIT(\s+TRANSACTION)?|ROLLBACK(\s+TRANSACTION)?|SAVEPOINT|RELEASE\s+SAVEPOINT|START\s+TRANSACTION)\b/i

const DANGEROUS_FUNCTIONS = [
  'pg_cancel_backend', 'pg_terminate_backend', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file',
  'lo_import', 'lo_export', 'pg_reload_conf', 'pg_rotate_logfile', 'pg_advisory_lock', 'pg_advisory_lock_shared',
  'pg_advisory_xact_lock', 'pg_advisory_xact_lock_shared', 'pg_try_advisory_lock', 'pg_try_advisory_lock_shared',
  'pg_try_advisory_xact_lock', 'pg_try_advisory_xact_lock_shared', 'pg_advisory_unlock', 'pg_advisory_unlock_shared',
  'pg_advisory_unlock_all', 'pg_notify', 'dblink', 'dblink_connect', 'dblink_connect_u', 'dblink_exec',
  'dblink_send_query', 'dblink_open', 'dblink_fetch', 'dblink_close', 'dblink_get_connections',
].sort((a, b) => b.length - a.length)
const DANGEROUS_FUNCTION = new RegExp(`(?:\\b\\w+\\.)?\\b(${DANGEROUS_FUNCTIONS.join('|')})\\s*\\(`, 'i')
const SECURITY_GUC = /\bset\b\s+(?:(?:session|local)\s+)?(row_security|session_replication_role)\b/i
const SECURITY_SET_CONFIG = /(?:\b\w+\.)?\bset_config\s*\(\s*['"](row_security|session_replication_role)['"]/i
const COPY_PROGRAM = /^\s*copy\b[\s\S]*\b(?:to|from)\s+program\b/i
const STACKED = /;\s*(?!($|\s*--|\s*\/\*))(?=\S)/

const INJECTION_PATTERNS: Array<[RegExp, string]> = [
  [/\bor\b\s+\d+\s*=\s*\d+/i, 'numeric_tautology'],
  [/\bor\b\s*'[^']+'\s*=\s*'[^']+'/i, 'string_tautology'],
  [STACKED, 'stacked_query'],
  [/\bsleep\s*\(/i, 'sleep_time_based'],
  [/\bpg_sleep(?:_for|_until)?\s*\(/i, 'pg_sleep_time_based'],
  [/\bload_file\s*\(/i, 'load_file'],
  [/\binto\s+outfile\b/i, 'into_outfile'],
  [/^\s*(begin|commit|rollback)\b[^\n]*;\s*\w+/i, 'transaction_control_with_extra_statement'],
]
const KEYWORD_PATTERNS: Array<[RegExp, string]> = [
  [/\bdrop\b/i, 'drop'],
  [/\btruncate\b/i, 'truncate'],
  [/\bgrant\b|\brevoke\b/i, 'grant_revoke'],
  [/^\s*copy\b[^\n]*\bfrom\b/i, 'copy_from'],
  [/^\s*copy\b[^\n]*\bto\b/i, 'copy_to'],
]
const KEYWORD_LABELS = new Set(KEYWORD_PATTERNS.map(([, l]) => l))

export interface InjectionIssue {
  type: 'sql'
  label: string
  message: string
  severity: 'high'
}

const issue = (label: string): InjectionIssue[] => [{ type: 'sql', label, message: `Suspicious pattern detected: ${label}`, severity: 'high' }]

/** The mutating-keyword classes found outside comments and string literals (empty: a read). */
export function detectMutatingKeywords(sql: string): string[] {
  const blanked = blankStringLiterals(normalizeForDetection(sql))
  const matched: string[] = []
  if (DDL.test(blanked)) matched.push('DDL')
  if (PERMISSION.test(blanked)) matched.push('PERMISSION')
  if (SYSTEM.test(blanked)) matched.push('SYSTEM')
  if (SESSION_MUTATION.test(blanked)) matched.push('SESSION_MUTATION')
  if (STATEMENT_KEYWORD.test(blanked) || SEQUENCE_FUNCTION.test(blanked)) matched.push('STATEMENT_KEYWORD')
  if (TRANSACTION_CONTROL.test(blanked)) matched.push('TRANSACTION_CONTROL')
  const words = new Set([...blanked.matchAll(MUTATING)].map((m) => m[1]!.toUpperCase()))
  matched.push(...[...words].sort())
  return matched
}

/** At most one issue: the first suspicious pattern, in the server's order. */
export function checkInjectionRisk(sql: string, readOnly: boolean): InjectionIssue[] {
  const normalized = normalizeForDetection(sql)
  const blanked = blankStringLiterals(normalized)
  if (COPY_PROGRAM.test(normalized)) return issue('copy_program')
  if (SECURITY_GUC.test(blanked) || SECURITY_SET_CONFIG.test(normalized)) return issue('security_sensitive_guc')
  if (DANGEROUS_FUNCTION.test(blanked)) return issue('dangerous_function')
  // A quote and a later `--` on the same line of the raw text.
  for (const line of sql.split('\n')) {
    const q = line.indexOf("'")
    if (q !== -1 && line.indexOf('--', q) !== -1) return issue('comment_injection')
  }
  if (readOnly && /\bunion\b/i.test(blanked) && /\bselect\b/i.test(blanked)) return issue('union_select')
  for (const [pattern, label] of readOnly ? [...INJECTION_PATTERNS, ...KEYWORD_PATTERNS] : INJECTION_PATTERNS) {
    if (pattern.test(KEYWORD_LABELS.has(label) ? blanked : normalized)) return issue(label)
  }
  return []
}

/** True when the text stacks a second statement after a `;` (COMMIT; then a write, and the like). */
export function detectTransactionBypass(sql: string): boolean {
  return STACKED.test(normalizeForDetection(sql))
}
