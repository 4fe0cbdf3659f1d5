/**
 * Toolchains for checking a skill's non-SQL code fences: TypeScript is type-checked with the project's own `tsc`
 * against real npm packages installed at pinned versions, Python is parsed with `ast.parse`, Java with javac's parser.
 * Nothing here reaches AWS; the samples are compiled or parsed, never run.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')

export interface Run {
  code: number
  stdout: string
  stderr: string
}

export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd, maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 240_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      },
    )
    if (opts.input !== undefined) child.stdin?.end(opts.input)
  })
}

/** True when `cmd --version` (or `-version`) runs. */
export async function hasCommand(cmd: string, versionFlag = '--version'): Promise<boolean> {
  return (await run(cmd, [versionFlag], { timeoutMs: 20_000 })).code === 0
}

/**
 * Installs exact package versions once into node_modules/.cache/dbskills-fences/<hash of the list> and returns that
 * folder. A later run with the same list reuses it; a different list gets a new folder. Install scripts are off.
 */
export async function installPinned(packages: Record<string, string>): Promise<string> {
  const spec = Object.entries(packages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, version]) => `${name}@${version}`)
  const hash = createHash('sha256').update(spec.join('\n')).digest('hex').slice(0, 12)
  const dir = join(repoRoot, 'node_modules', '.cache', 'dbskills-fences', hash)
  const marker = join(dir, 'installed.json')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === JSON.stringify(spec)) return dir
  await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'dsql-fences', private: true, type: 'module' }))
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = await run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', ...spec], { cwd: dir, timeoutMs: 600_000 })
  if (r.code !== 0) throw new Error(`npm install of ${spec.join(' ')} failed (exit ${r.code}):\n${r.stderr.slice(-2000)}`)
  await writeFile(marker, JSON.stringify(spec))
  return dir
}

/**
 * Type-checks each source as its own ES module inside `packagesDir` (so imports resolve to the pinned packages) with
 * strict settings. Returns the diagnostics per source index; an empty list means it compiled.
 */
export async function typecheck(packagesDir: string, sources: readonly string[]): Promise<string[][]> {
  const dir = await mkdtemp(join(packagesDir, 'check-'))
  try {
    const names = sources.map((_, i) => `fence${String(i).padStart(3, '0')}.ts`)
    await Promise.all(names.map((n, i) => writeFile(join(dir, n), sources[i] ?? '')))
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          skipLibCheck: true,
        },
        files: names,
      }),
    )
    const r = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir })
    const out = sources.map((): string[] => [])
    for (const line of r.stdout.split('\n')) {
      const m = /^fence(\d{3})\.ts\((\d+),\d+\): (.*)$/.exec(line.trim())
      if (m) out[Number(m[1])]?.push(`line ${m[2]}: ${m[3]}`)
      else if (line.trim() && r.code !== 0 && !/^\s/.test(line)) out[0]?.push(`tsc: ${line.trim()}`)
    }
    if (r.code !== 0 && out.every((d) => d.length === 0)) throw new Error(`tsc failed without diagnostics:\n${r.stdout}${r.stderr}`)
    return out
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}

const PY_PARSER = `
import ast, json, sys
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append(f"line {e.lineno}: {e.msg}")
print(json.dumps(out))
`

/** Parses each source with CPython's own parser; null means it parsed. */
export async function parsePython(sources: readonly string[]): Promise<Array<string | null>> {
  const r = await run('python3', ['-c', PY_PARSER], { input: JSON.stringify(sources) })
  if (r.code !== 0) throw new Error(`python3 failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as Array<string | null>
}

const JAVA_PARSER = `
import com.sun.source.util.JavacTask;
import java.util.List;
import javax.tools.*;

public class ParseOnly {
    public static void main(String[] files) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, null);
        JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null, fm.getJavaFileObjects(files));
        task.parse();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                System.out.println(d.getSource().getName() + "\\t" + d.getLineNumber() + "\\t" + d.getMessage(null));
            }
        }
    }
}
`

/**
 * Parses each source with javac's parser (syntax only: imports are not resolved, so no jars are needed).
 * Returns the syntax errors per source index.
 */
export async function parseJava(sources: readonly string[]): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'java-parse-'))
  try {
    await writeFile(join(dir, 'ParseOnly.java'), JAVA_PARSER)
    const files = await Promise.all(
      sources.map(async (src, i) => {
        const cls = /public\s+(?:final\s+|abstract\s+)*(?:class|interface|record|enum)\s+(\w+)/.exec(src)?.[1] ?? `Fence${i}`
        const sub = join(dir, `f${i}`)
        await mkdir(sub)
        const file = join(sub, `${cls}.java`)
        await writeFile(file, src)
        return file
      }),
    )
    const r = await run('java', [join(dir, 'ParseOnly.java'), ...files])
    if (r.code !== 0) throw new Error(`java ParseOnly failed: ${r.stderr}`)
    const out = sources.map((): string[] => [])
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const [file, lineNo, msg] = line.split('\t')
      const i = files.indexOf(file ?? '')
      if (i >= 0) out[i]?.push(`line ${lineNo}: ${msg}`)
    }
    return out
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}
