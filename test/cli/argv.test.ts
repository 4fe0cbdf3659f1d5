import { beforeEach, describe, expect, it, vi } from 'vitest'

// Commands are wiring: this table checks argv -> (arguments, options) with the command modules mocked,
// the only place we mock our own code.
const calls: Array<{ cmd: string; args: unknown[] }> = []
const record = (cmd: string) => async (...args: unknown[]) => { calls.push({ cmd, args: args.slice(0, -1) }); return 0 }
vi.mock('../../src/cli/commands/add.js', () => ({ runAdd: record('add') }))
vi.mock('../../src/cli/commands/remove.js', () => ({ runRemove: record('remove') }))
vi.mock('../../src/cli/commands/update.js', () => ({ runUpdate: record('update') }))
vi.mock('../../src/cli/commands/list.js', () => ({ runList: record('list') }))
vi.mock('../../src/cli/commands/validate.js', () => ({ runValidate: record('validate') }))
vi.mock('../../src/cli/commands/doctor.js', () => ({ runDoctor: record('doctor') }))

const { main } = await import('../../src/cli/main.js')

beforeEach(() => { calls.length = 0; vi.spyOn(process.stderr, 'write').mockImplementation(() => true); vi.spyOn(process.stdout, 'write').mockImplementation(() => true) })

describe('argv -> command options', () => {
  it.each([
    ['add dsql', 'add', [['dsql'], { link: 'auto', steering: true, mcp: true }]],
    ['add dsql dynamodb --yes', 'add', [['dsql', 'dynamodb'], { link: 'auto', steering: true, mcp: true, yes: true }]],
    ['add --all -y', 'add', [[], { link: 'auto', steering: true, mcp: true, all: true, yes: true }]],
    ['add dsql --agent kiro,claude-code --agent cursor', 'add', [['dsql'], { link: 'auto', steering: true, mcp: true, agent: ['kiro,claude-code', 'cursor'] }]],
    ['add dsql -a kiro-cli', 'add', [['dsql'], { link: 'auto', steering: true, mcp: true, agent: ['kiro-cli'] }]],
    ['add dsql --link copy --dry-run --json --dir /p', 'add', [['dsql'], { link: 'copy', steering: true, mcp: true, dryRun: true, json: true, dir: '/p' }]],
    ['add dsql -g --force', 'add', [['dsql'], { link: 'auto', steering: true, mcp: true, global: true, force: true }]],
    ['add dsql --no-steering --no-mcp', 'add', [['dsql'], { link: 'auto', steering: false, mcp: false }]],
    ['add dsql --cluster-endpoint a1.dsql.us-east-1.on.aws --region us-east-1 --database-user app --allow-writes', 'add',
      [['dsql'], { link: 'auto', steering: true, mcp: true, clusterEndpoint: 'a1.dsql.us-east-1.on.aws', region: 'us-east-1', databaseUser: 'app', allowWrites: true }]],
    ['add aurora-mysql --cluster-arn arn:x --database shop --connection-method RDS_API --db-type aurora-mysql --port 3306', 'add',
      [['aurora-mysql'], { link: 'auto', steering: true, mcp: true, clusterArn: 'arn:x', database: 'shop', connectionMethod: 'RDS_API', dbType: 'aurora-mysql', port: '3306' }]],
    ['add dsql --mcp-client vscode,codex --runtime docker --auth env --profile dev', 'add',
      [['dsql'], { link: 'auto', steering: true, mcp: true, mcpClient: ['vscode,codex'], runtime: 'docker', auth: 'env', profile: 'dev' }]],
    ['list', 'list', [{}]],
    ['ls --json', 'list', [{ json: true }]],
    ['remove dsql --dry-run', 'remove', [['dsql'], { dryRun: true }]],
    ['rm dsql dynamodb --force', 'remove', [['dsql', 'dynamodb'], { force: true }]],
    ['update', 'update', [[], {}]],
    ['update dsql --json', 'update', [['dsql'], { json: true }]],
    ['validate skills/dsql', 'validate', ['skills/dsql', {}]],
    ['doctor', 'doctor', [{}]],
    ['doctor --live --timeout 5 --json', 'doctor', [{ live: true, timeout: '5', json: true }]],
  ])('%s', async (argv, cmd, args) => {
    expect(await main(argv.split(' '))).toBe(0)
    expect(calls).toEqual([{ cmd, args }])
  })

  it.each([
    ['add dsql --bogus'],
    ['add dsql --link hard'],
    ['remove'],
    ['frobnicate'],
    ['add dsql --agent'],
    ['add dsql --runtime podman'],
    ['add dsql --auth keys'],
  ])('%s is a usage error (exit 2), no command runs', async (argv) => {
    expect(await main(argv.split(' '))).toBe(2)
    expect(calls).toEqual([])
  })

  it('--help and --version exit 0', async () => {
    expect(await main(['--help'])).toBe(0)
    expect(await main(['--version'])).toBe(0)
    expect(calls).toEqual([])
  })
})
