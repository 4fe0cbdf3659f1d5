// Secret shapes inside any flag value: found wherever they sit, never echoed. One line per case, near-misses included.
import { describe, expect, it } from 'vitest'
import { checkMcpOptions, type RawMcpOptions } from '../../src/mcp/options.js'
import { findSecret, redactSecrets, type SecretFinding } from '../../src/mcp/secrets.js'

const KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' // AWS's documented example secret key (40 chars)
const ARN = 'arn:aws:rds:us-east-1:123456789012:cluster:my-cluster'

describe('findSecret / redactSecrets', () => {
  it.each<[string, SecretFinding['kind'] | undefined, string]>([
    // value                                                  finding               redacted
    ['AKIAIOSFODNN7EXAMPLE',                                  'access-key-id',      '***'],
    ['x=AKIAIOSFODNN7EXAMPLE',                                'access-key-id',      'x=***'],
    ['dev+ASIAJ2B3C4D5E6F7G8H9',                              'access-key-id',      'dev+***'],
    [KEY,                                                     'secret-access-key',  '***'],
    [`x=${KEY}`,                                              'secret-access-key',  'x=***'],
    [`abc+${KEY}`,                                            'secret-access-key',  '***'],
    [`${KEY}+tail`,                                           'secret-access-key',  '***'],
    ['postgres://u:pw@h/db',                                  'url-password',       'postgres://u:***@h/db'],
    ['mysql://admin:s3cr%40t@db.example.com:3306/app',        'url-password',       'mysql://admin:***@db.example.com:3306/app'],
    ['redis+tls://:token123@cache:6379',                      'url-password',       'redis+tls://:***@cache:6379'],
    ['admin;password=hunter2',                                'password',           'admin;password=***'],
    ['Password: hunter2',                                     'password',           'Password: ***'],
    ['db?sslmode=require&secret=abc',                         'password',           'db?sslmode=require&secret=***'],
    ['api_key="k k"',                                         'password',           'api_key=***'],
    // near-misses: must pass untouched
    [ARN,                                                     undefined,            ARN],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', undefined, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'],
    ['abcdefghijklmnopqrstuvwxyz.dsql.us-west-2.on.aws',      undefined,            'abcdefghijklmnopqrstuvwxyz.dsql.us-west-2.on.aws'],
    ['my-db.cluster-abc123.us-west-2.rds.amazonaws.com',      undefined,            'my-db.cluster-abc123.us-west-2.rds.amazonaws.com'],
    ['us-west-2',                                             undefined,            'us-west-2'],
    ['a'.repeat(40),                                          undefined,            'a'.repeat(40)],
    ['my-sso-profile',                                        undefined,            'my-sso-profile'],
    ['postgres://user@host/db',                               undefined,            'postgres://user@host/db'],
    ['https://example.com:8443/path',                         undefined,            'https://example.com:8443/path'],
    ['password_reset_tokens',                                 undefined,            'password_reset_tokens'],
    ['AKIAIOSFODNN7EXAMPLEX',                                 undefined,            'AKIAIOSFODNN7EXAMPLEX'],
  ])('%s -> %s', (value, kind, redacted) => {
    expect(findSecret(value)?.kind).toBe(kind)
    expect(redactSecrets(value)).toBe(redacted)
  })
})

describe('flag values with a secret inside are refused and never echoed', () => {
  const ctx = { platform: 'linux' as const }
  it.each<[string, RawMcpOptions]>([
    ['--profile x=AKIA…', { profile: 'x=AKIAIOSFODNN7EXAMPLE' }],
    ['--profile glued to +', { profile: `dev+${KEY}` }],
    ['--db-endpoint with a URL password', { clusterArn: ARN, dbEndpoint: 'postgres://u:pw@h/db' }],
    ['--database with secret=', { clusterArn: ARN, database: 'app;secret=abc' }],
  ])('%s', (_name, raw) => {
    const { options, issues } = checkMcpOptions(raw, ctx)
    expect(options).toBeUndefined()
    const text = issues.map((i) => i.message).join('\n')
    expect(text).toMatch(/looks like .* and is refused/)
    for (const v of Object.values(raw)) if (v !== ARN) expect(text).not.toContain(String(v))
    expect(text).not.toMatch(/AKIA|wJalr|:pw@|abc/)
  })
})
