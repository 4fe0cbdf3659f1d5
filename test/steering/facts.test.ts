import { describe, expect, it } from 'vitest'
import { connectionFacts } from '../../src/steering/facts.js'
import { isPlaceholder } from '../../src/steering/placeholder.js'
import type { ConnectionFact } from '../../src/steering/types.js'

const shown = (facts: ConnectionFact[]): string[] => facts.map((f) => `${f.label}: ${f.value || f.placeholder}`)
const missing = (facts: ConnectionFact[]): string[] => facts.filter((f) => !f.value).map((f) => f.label)

describe('connectionFacts', () => {
  it('DSQL: endpoint, region, user given; database and auth are fixed facts', () => {
    const facts = connectionFacts('dsql', { clusterEndpoint: 'abc123.dsql.us-west-2.on.aws', region: 'us-west-2', databaseUser: 'admin' })
    expect(missing(facts)).toEqual([])
    expect(shown(facts)).toContain('Cluster endpoint: abc123.dsql.us-west-2.on.aws')
    expect(shown(facts).join('\n')).toMatch(/Database: postgres/)
    expect(shown(facts).join('\n')).toMatch(/dsql:DbConnectAdmin/)
  })

  it.each([
    ['dsql', {}, ['Cluster endpoint', 'AWS region', 'Database user']],
    ['dsql', { region: 'eu-west-1' }, ['Cluster endpoint', 'Database user']],
    ['dynamodb', {}, ['AWS region']],
    ['dynamodb', { region: 'us-east-1', profile: 'dev' }, []],
    ['aurora-postgresql', {}, ['Cluster', 'Database', 'Connection method', 'AWS region']],
    ['aurora-postgresql', { clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c1', database: 'postgres', connectionMethod: 'rdsapi', region: 'us-east-1' }, []],
    ['aurora-mysql', { dbEndpoint: 'c1.cluster-abc.us-east-1.rds.amazonaws.com' }, ['Database', 'Connection method', 'AWS region']],
  ])('%s with %j leaves placeholders for %j', (skill, values, labels) => {
    const facts = connectionFacts(skill, values)
    expect(missing(facts)).toEqual(labels)
    for (const f of facts.filter((x) => !x.value)) expect(isPlaceholder(f.placeholder)).toBe(true)
  })

  it('no profile means the default credential chain, stated, not a placeholder', () => {
    const [, credentials] = connectionFacts('dynamodb', {})
    expect(credentials?.value).toMatch(/default AWS credential chain/)
    expect(connectionFacts('dynamodb', { profile: 'dev' })[1]?.value).toBe('AWS profile dev')
  })

  it('Aurora shows both ARN and endpoint when both are given', () => {
    const facts = connectionFacts('aurora-mysql', { clusterArn: 'arn:aws:rds:us-east-1:1:cluster:c', dbEndpoint: 'c.example' })
    expect(facts.map((f) => f.label).slice(0, 2)).toEqual(['Cluster ARN', 'Database endpoint'])
  })

  it('refuses a skill it does not know', () => {
    expect(() => connectionFacts('redis', {})).toThrow(/no connection facts defined for skill "redis"/)
  })
})
