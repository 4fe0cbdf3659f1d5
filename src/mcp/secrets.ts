/**
 * Refusing secrets at the door: a flag value that looks like a credential must never reach a config file, where it
 * would be committed with the project. Each rule names what it saw and where the secret belongs instead.
 */

export interface SecretFinding {
  kind: 'access-key-id' | 'secret-access-key' | 'password'
  /** How to pass the secret without writing it anywhere. */
  alternative: string
}

const AWS_ENV_ALTERNATIVE =
  'export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the shell that starts your client and use --auth env, or use a named profile with --auth profile --profile <name>'

// AKIA = long-term IAM user key, ASIA = temporary (STS) key; both are 4 letters + 16 upper-case alphanumerics.
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/
// Secret access keys are 40 base64-alphabet characters. Requiring mixed case plus a digit or / or + keeps ordinary
// 40-character names (all lower case, say) from being refused.
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/
const PASSWORD = /\b(?:password|passwd|pwd)\s*[=:]/i

function looksLikeSecretKey(candidate: string): boolean {
  return /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9/+]/.test(candidate)
}

/** What kind of secret `value` looks like, if any. */
export function findSecret(value: string): SecretFinding | undefined {
  if (ACCESS_KEY_ID.test(value)) return { kind: 'access-key-id', alternative: AWS_ENV_ALTERNATIVE }
  const key = SECRET_KEY.exec(value)?.[0]
  if (key !== undefined && looksLikeSecretKey(key)) return { kind: 'secret-access-key', alternative: AWS_ENV_ALTERNATIVE }
  if (PASSWORD.test(value)) {
    return {
      kind: 'password',
      alternative:
        'database passwords are never flags: Aurora DSQL uses IAM tokens; the PostgreSQL and MySQL servers read the RDS-managed secret from Secrets Manager or use IAM auth (*_WIRE_IAM_PROTOCOL)',
    }
  }
  return undefined
}

const KIND_TEXT: Record<SecretFinding['kind'], string> = {
  'access-key-id': 'an AWS access key id',
  'secret-access-key': 'an AWS secret access key',
  password: 'a password',
}

/** One line for a UsageError: `--profile looks like an AWS access key id; <alternative>`. */
export function describeSecret(flag: string, finding: SecretFinding): string {
  return `${flag} looks like ${KIND_TEXT[finding.kind]} and is refused, so it never lands in a config file; instead, ${finding.alternative}`
}
