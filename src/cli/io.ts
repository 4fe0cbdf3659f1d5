/** Where a command writes: stdout carries the result (exactly one JSON document with --json), stderr the logs. */
export interface IO {
  json: boolean
  out(text: string): void
  err(text: string): void
}

export function createIO(json: boolean): IO {
  return {
    json,
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  }
}

/** Human output goes to stdout normally, and to stderr under --json so stdout stays parseable. */
export function say(io: IO, text: string): void {
  if (io.json) io.err(text)
  else io.out(text)
}

export function emitJson(io: IO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2))
}
