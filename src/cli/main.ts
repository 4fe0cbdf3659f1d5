import { Command, CommanderError, Option } from 'commander'
import { InternalError, UserError } from '../core/errors.js'
import { createIO, type IO } from './io.js'
import { collect } from './options.js'
import { redactSecrets } from '../mcp/secrets.js'
import pkg from '../../package.json' with { type: 'json' }

// Commands are registered here, but each implementation is imported only when that command runs,
// so `--help` costs commander and nothing else.
type Runner = (io: IO) => Promise<number>

const selected: { runner?: Runner } = {}
const run = (r: Runner) => { selected.runner = r }

const dirOpt = () => new Option('--dir <project>', 'project directory (default: current directory)')
const jsonOpt = () => new Option('--json', 'print exactly one JSON document on stdout (logs go to stderr)')

export function buildProgram(): Command {
  const program = new Command('dbskills')
    .description('AWS database skills for AI coding agents: installs the skill, the steering that makes the agent read it, and the MCP config.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run dbskills --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .exitOverride()

  // The MCP server and connection-fact flags, shared by add, mcp and power.
  const serverFlags = (c: Command) => c
    .addOption(new Option('--runtime <runtime>', 'how clients launch the MCP server (default uvx; uv-windows on Windows)').choices(['uvx', 'docker', 'uv-windows']))
    .addOption(new Option('--auth <mode>', 'AWS credentials: profile (default) = the default chain; uvx/uv-windows servers inherit it from the client (Codex gets the AWS_* names through env_vars, Gemini CLI references to the keys it would drop), docker mounts ~/.aws at /app/.aws; env = every client references AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from your shell (docker passes them with -e); never values').choices(['profile', 'env']))
    .option('--profile <name>', 'AWS profile the MCP server uses')
    .option('--region <region>', 'AWS Region, e.g. us-west-2')
    .option('--cluster-endpoint <host>', 'DSQL cluster endpoint, <id>.dsql.<region>.on.aws')
    .option('--database-user <user>', 'DSQL database role (default admin)')
    .option('--cluster-arn <arn>', 'Aurora cluster ARN, arn:aws:rds:<region>:<account>:cluster:<name>')
    .option('--db-endpoint <host>', 'Aurora endpoint for a direct connection')
    .option('--database <name>', 'Aurora database name')
    .option('--connection-method <method>', 'Aurora: RDS_API, PG_WIRE_PROTOCOL, PG_WIRE_IAM_PROTOCOL, MYSQL_WIRE_PROTOCOL, MYSQL_WIRE_IAM_PROTOCOL')
    .option('--db-type <type>', 'Aurora engine type: APG, RPG, aurora-mysql, mysql, mariadb')
    .option('--port <port>', 'Aurora port for a direct connection')
    .option('--allow-writes', 'let the server write (read-only by default)')

  serverFlags(program.command('add').description('install skills for your agents')
    .argument('[skills...]', 'skills to install (dsql, dynamodb, aurora-postgresql, aurora-mysql)')
    .option('--all', 'install every skill')
    .option('-a, --agent <ids>', 'agents, comma-separated or repeated: kiro, claude-code, cursor, codex, copilot, gemini, qwen', collect)
    .option('-g, --global', 'install under your home directory instead of the project')
    .addOption(new Option('--link <mode>', 'how agent folders get the skill').choices(['auto', 'symlink', 'copy']).default('auto'))
    .option('--dry-run', 'print the plan; write nothing')
    .option('-y, --yes', 'never prompt; accept defaults')
    .option('--force', 'replace files and folders dbskills did not write, or that you changed')
    .option('--follow-outside-links', 'write through links that lead outside the project (refused by default)')
    .option('--no-steering', 'do not write steering (Kiro steering, Cursor rule, CLAUDE.md/AGENTS.md/GEMINI.md block)')
    .option('--no-mcp', 'do not write MCP server config')
    .option('--mcp-client <ids>', 'MCP clients to configure: kiro, claude-code (.mcp.json, also read by Copilot CLI and Qwen Code), cursor, vscode (VS Code), codex, gemini (default: those of the agents)', collect)
    .option('--sandbox', 'dsql: also configure aurora-dsql-sandbox, a local MCP server enforcing DSQL\'s rules, and steer the agent to rehearse there first')
    .addOption(dirOpt()).addOption(jsonOpt()))
    .action((skills: string[], o) => run(async (io) => (await import('./commands/add.js')).runAdd(skills, o, io)))

  program.command('list').alias('ls').description('show available skills and what is installed here')
    .option('-g, --global', 'show the global install')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((o) => run(async (io) => (await import('./commands/list.js')).runList(o, io)))

  program.command('remove').alias('rm').description('remove skills, exactly as installed')
    .argument('<skills...>', 'skills to remove')
    .option('-g, --global', 'remove from the global install')
    .option('--dry-run', 'print the plan; write nothing')
    .option('-y, --yes', 'never prompt')
    .option('--force', 'also delete files you changed since they were installed')
    .option('--follow-outside-links', 'delete through links that lead outside the project (refused by default)')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((skills: string[], o) => run(async (io) => (await import('./commands/remove.js')).runRemove(skills, o, io)))

  program.command('update').description('bring installed skills to the packaged version')
    .argument('[skills...]', 'skills to update (default: all installed)')
    .option('-g, --global', 'update the global install')
    .option('--dry-run', 'print the plan; write nothing')
    .option('-y, --yes', 'never prompt')
    .option('--force', 'also replace files you changed, and restore files you deleted, since they were installed')
    .option('--follow-outside-links', 'write through links that lead outside the project (refused by default)')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((skills: string[], o) => run(async (io) => (await import('./commands/update.js')).runUpdate(skills, o, io)))

  serverFlags(program.command('mcp').description('print the MCP config for one server and client, ready to paste; writes nothing')
    .argument('<server>', 'aurora-dsql, dynamodb, aurora-postgresql, aurora-mysql (or the skill name), aurora-dsql-sandbox')
    .option('--client <id>', 'kiro, claude-code, cursor, vscode, codex, gemini', collect)
    .addOption(jsonOpt()))
    .action((server: string, o) => run(async (io) => (await import('./commands/mcp.js')).runMcp(server, o, io)))

  serverFlags(program.command('power').description('export a skill as a Kiro power (POWER.md, mcp.json, steering/)')
    .argument('<skill>', 'the skill to export')
    .option('--out <dir>', 'folder to write the power into')
    .option('--dry-run', 'list the files; write nothing')
    .option('--force', 'write into a folder that is not empty')
    .addOption(jsonOpt()))
    .action((skill: string, o) => run(async (io) => (await import('./commands/power.js')).runPower(skill, o, io)))

  program.command('plugin').description('export one channel\'s plugin bundle (claude, codex, copilot, gemini, cursor, kiro, agent-plugins, all)')
    .argument('<channel>', 'agent-plugins, claude, codex, copilot, gemini, cursor, kiro, or all')
    .option('--out <dir>', 'folder to write the bundle into')
    .option('--skill <names>', 'only these skills, comma-separated or repeated (default: all)', collect)
    .option('--dry-run', 'list the files; write nothing')
    .option('--force', 'write into a folder that is not empty')
    .addOption(jsonOpt())
    .action((channel: string, o) => run(async (io) => (await import('./commands/plugin.js')).runPlugin(channel, o, io)))

  program.command('doctor').description('check the install: skills, steering, MCP config, launchers, unfilled facts')
    .option('--clients', 'also ask each client CLI on PATH (claude, codex, gemini, copilot, qwen) what it sees: read-only commands, no model session')
    .option('-g, --global', 'check the global install')
    .option('--live', 'start each configured MCP server, list its tools (never calls one) and compare them with the skill')
    .option('--timeout <seconds>', 'with --live: how long each server may take to answer (default 60)')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((o) => run(async (io) => (await import('./commands/doctor.js')).runDoctor(o, io)))

  program.command('validate').description('check skill folders against the Agent Skills spec (for skill authors)')
    .argument('[dir]', 'a skill folder, or a folder of skills (default: current directory)')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((dir: string | undefined, o) => run(async (io) => (await import('./commands/validate.js')).runValidate(dir, o, io)))

  program.command('sandbox').description('rehearse on a local database that enforces Aurora DSQL\'s rules: an MCP server with the aurora-dsql tools (stdio), or --check migration files')
    .argument('<engine>', 'dsql')
    .option('--allow-writes', 'let transact write (read-only by default, like the real server)')
    .option('--data-dir <dir>', 'database folder (default: .dbskills/sandbox/dsql in the project, git-ignored; a folder you choose is yours to ignore)')
    .option('--check <files...>', 'run these .sql files through the rules on a throwaway database; exit 1 at the first violation')
    .addOption(dirOpt()).addOption(jsonOpt())
    .action((engine: string, o) => run(async (io) => (await import('./commands/sandbox.js')).runSandbox(engine, o, io)))

  return program
}

function renderError(err: unknown, io: IO): number {
  if (err instanceof UserError) {
    if (io.json) io.out(JSON.stringify({ error: { message: err.message, hint: err.hint, exitCode: err.exitCode, details: err.details } }, null, 2))
    io.err(`error: ${err.message}${err.hint ? `\n${err.hint}` : ''}`)
    return err.exitCode
  }
  const e = err as Error
  if (io.json) io.out(JSON.stringify({ error: { message: e.message, internal: true } }, null, 2))
  io.err(`internal error: ${e.message}\nThis is a bug in dbskills ${pkg.version}; please report it with the command you ran.${err instanceof InternalError ? '' : `\n${e.stack ?? ''}`}`)
  return 1
}

/** Parse argv, run the command, return the exit code. The only place errors become output. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  const io = createIO(json)
  const program = buildProgram()
  // Commander's parse errors quote the offending value: redact anything secret-shaped before printing it.
  const output = {
    writeOut: (s: string) => process.stdout.write(s),
    writeErr: (s: string) => process.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => {
      const text = redactSecrets(s)
      if (json) io.out(JSON.stringify({ error: { message: text.replace(/^error: /, '').trim(), exitCode: 2 } }, null, 2))
      write(text)
    },
  }
  // Subcommands copied their settings when they were created, so each one is configured: without this a
  // subcommand's parse error (`add dsql --bogus --json`) printed nothing on stdout.
  const configure = (c: Command): void => { c.configureOutput(output); c.commands.forEach(configure) }
  configure(program)
  try {
    selected.runner = undefined
    await program.parseAsync(argv, { from: 'user' })
    const runner = selected.runner as Runner | undefined // set by the action commander just ran
    return runner ? await runner(io) : 0
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every parse error (unknown flag, bad choice, missing argument) is usage: 2
      return err.exitCode === 0 ? 0 : 2
    }
    return renderError(err, io)
  }
}
