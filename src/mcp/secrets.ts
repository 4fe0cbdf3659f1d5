/**
 * Refusing secrets at the door: a flag value that looks like a credential must never reach a config file, where it
 * would be committed with the project. Each rule names what it saw and where the secret belongs instead, and no
 * message ever repeats the value (`redactSecrets` masks what a rule would find).
 *
 * Shapes are found anywhere inside a value, not only as the whole value: `x=AKIA…`, `abc+<40-char key>`,
 * `postgres://u:pw@h/db` (any scheme), `password=…`, `secret: …`.
 */

export interface SecretFinding {
  kind: 'access-key-id' | 'secret-access-key' | 'url-password' | 'password'
  /** How to pass the secret without writing it anywhere. */
  alternative: string
}

const AWS_ENV_ALTERNATIVE =
  'export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the shell that starts your client and use --auth env, or use a named profile with --auth profile --profile <name>'
const PASSWORD_ALTERNATIVE =
  'database passwords are never flags: Aurora DSQL uses IAM tokens; the PostgreSQL and MySQL servers read the RDS-managed secret from Secrets Manager or use IAM auth (*_WIRE_IAM_PROTOCOL)'

// AKIA = long-term IAM user key, ASIA = temporary (STS) key; both are 4 letters + 16 upper-case alphanumerics. Only an
// upper-case letter or digit next to it makes it part of a longer word; `=`, `+`, `-`, `/` are boundaries.
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g
// Secret access keys are 40 characters of [A-Za-z0-9/+]. A run of that alphabet at least 40 long is a candidate
// wherever it sits (glued to `+` or after `=` included); mixed case plus a digit, / or + keeps long plain names out.
const KEY_RUN = /[A-Za-z0-9/+]{40,}/g
// scheme://user:password@host, any scheme; the password is the part between the first ':' of the authority and '@'.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)([^\s/?#@]+)(@)/gi
// key=value anywhere; key: value unless the key is an ARN segment (arn:aws:secretsmanager:…:secret:name is a name).
const PAIR = /\b(password|passwd|pwd|secret|secret[_-]?access[_-]?key|client[_-]?secret|api[_-]?key|access[_-]?token|auth[_-]?token)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s;&,]*)/gi

function isKeyLike(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9/+]/.test(run)
}

function keyRuns(value: string): string[] {
  return [...value.matchAll(KEY_RUN)].map((m) => m[0]).filter(isKeyLike)
}

function pairMatches(value: string): RegExpExecArray[] {
  // `…:secret:name` is a segment of an ARN (Secrets Manager's), not a key: value pair.
  return [...value.matchAll(PAIR)].filter((m) => !(m[2]!.includes(':') && value[m.index - 1] === ':'))
}

/** What kind of secret `value` looks like, if any. */
export function findSecret(value: string): SecretFinding | undefined {
  if (new RegExp(ACCESS_KEY_ID.source).test(value)) return { kind: 'access-key-id', alternative: AWS_ENV_ALTERNATIVE }
  if (keyRuns(value).length > 0) return { kind: 'secret-access-key', alternative: AWS_ENV_ALTERNATIVE }
  if (new RegExp(URL_PASSWORD.source, 'i').test(value)) return { kind: 'url-password', alternative: PASSWORD_ALTERNATIVE }
  if (pairMatches(value).length > 0) return { kind: 'password', alternative: PASSWORD_ALTERNATIVE }
  return undefined
}

/** `value` with every secret shape masked (`postgres://u:***@h/db`, `password=***`, `***` for keys). */
export function redactSecrets(value: string): string {
  let out = value.replace(URL_PASSWORD, '$1***$3')
  const pairs = pairMatches(out)
  for (const m of pairs.reverse()) {
    const at = m.index + m[1]!.length + m[2]!.length
    out = out.slice(0, at) + '***' + out.slice(at + m[3]!.length)
  }
  out = out.replace(ACCESS_KEY_ID, '***')
  for (const run of keyRuns(out)) out = out.split(run).join('***')
  return out
}

const KIND_TEXT: Record<SecretFinding['kind'], string> = {
  'access-key-id': 'an AWS access key id',
  'secret-access-key': 'an AWS secret access key',
  'url-password': 'a URL with a password in it',
  password: 'a password',
}

/** One line for a UsageError: `--profile looks like an AWS access key id; <alternative>`. Never contains the value. */
export function describeSecret(flag: string, finding: SecretFinding): string {
  return `${flag} looks like ${KIND_TEXT[finding.kind]} and is refused, so it never lands in a config file; instead, ${finding.alternative}`
}
