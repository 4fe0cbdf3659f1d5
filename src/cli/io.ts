/** Where a command writes: stdout carries the result (exactly one JSON document with --json), stderr the logs. */
export interface IO {
  json: boolean
  out(text: string): void
  err(text: string): void
}

export function createIO(json: boolean): IO {
  return {
    json,
    out: (t) => write(process.stdout, t),
    err: (t) => write(process.stderr, t),
  }
}

const guarded = new WeakSet<NodeJS.WriteStream>()

/**
 * A reader that stops early (`dbskills list | head -1`) closes the pipe: the rest of the output is dropped and the
 * command still finishes its work, instead of dying on an unhandled EPIPE with a stack in the middle of an install.
 */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!guarded.has(stream)) {
    guarded.add(stream)
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err
    })
  }
  stream.write(text.endsWith('\n') ? text : `${text}\n`)
}

/** Human output goes to stdout normally, and to stderr under --json so stdout stays parseable. */
export function say(io: IO, text: string): void {
  if (io.json) io.err(text)
  else io.out(text)
}

export function emitJson(io: IO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2))
}
