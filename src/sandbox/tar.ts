/**
 * The part of ustar (POSIX tar) the sandbox's database template needs: regular files and directories, nothing
 * else. The build writes the template with it and start-up reads it back; the same bytes go to PGlite's own
 * reader (`loadDataDir`) for an in-memory database, so the writer sticks to the standard layout.
 * https://pubs.opengroup.org/onlinepubs/9799919799/utilities/pax.html#tag_20_94_13_06
 */

export type TarEntry = { type: 'dir'; path: string } | { type: 'file'; path: string; data: Uint8Array }

const BLOCK = 512

/** Bytes [at, at + width) of a header as text, up to the first NUL. */
function field(h: Uint8Array, at: number, width: number): string {
  const bytes = h.subarray(at, at + width)
  const end = bytes.indexOf(0)
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8')
}

/** The header checksum: every byte summed, with the checksum field itself counted as spaces. */
function checksum(h: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!
  return sum
}

/** `a/b/c`, from a member name that may start with `/` (PGlite's own dumps do) or end with `/` (directories). */
function memberPath(name: string): string {
  const parts = name.split('/').filter((p) => p !== '')
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..' || p.includes('\\'))) {
    throw new Error(`tar member name ${JSON.stringify(name)} is not a plain relative path`)
  }
  return parts.join('/')
}

/** Every entry of an uncompressed ustar archive; throws on a corrupt or truncated one, or on links and other types. */
export function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = []
  for (let at = 0; at + BLOCK <= tar.length;) {
    const h = tar.subarray(at, at + BLOCK)
    if (h.every((b) => b === 0)) return entries // end of archive
    const sum = field(h, 148, 8).trim()
    if (!/^[0-7]+$/.test(sum) || Number.parseInt(sum, 8) !== checksum(h)) throw new Error(`tar header at byte ${at} is corrupt (checksum)`)
    const prefix = field(h, 345, 155)
    const path = memberPath(prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100))
    const size = Number.parseInt(field(h, 124, 12).trim() || '0', 8)
    const type = String.fromCharCode(h[156]!)
    if (type === '5') entries.push({ type: 'dir', path })
    else if (type === '0' || type === '\0') {
      if (at + BLOCK + size > tar.length) throw new Error(`tar member ${path} is truncated`)
      entries.push({ type: 'file', path, data: tar.subarray(at + BLOCK, at + BLOCK + size) })
    } else throw new Error(`tar member ${path} has type ${JSON.stringify(type)}; only files and directories are expected`)
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK
  }
  throw new Error('tar archive is truncated (no end-of-archive blocks)')
}

function octal(h: Buffer, at: number, width: number, value: number): void {
  h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, width, 'ascii')
}

/** Splits a path over ustar's 100-byte name and 155-byte prefix fields, at a `/`. */
function splitName(path: string): [prefix: string, name: string] {
  if (Buffer.byteLength(path) <= 100) return ['', path]
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i)
    const name = path.slice(i + 1)
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name]
  }
  throw new Error(`${path} is too long for a ustar header`)
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK)
  const [prefix, name] = splitName(memberPath(entry.path))
  h.write(name, 0, 100, 'utf8')
  octal(h, 100, 8, entry.type === 'dir' ? 0o700 : 0o600)
  octal(h, 108, 8, 0) // uid
  octal(h, 116, 8, 0) // gid
  octal(h, 124, 12, entry.type === 'file' ? entry.data.length : 0)
  octal(h, 136, 12, 0) // mtime: the archive's bytes depend only on the files' contents
  h.write(entry.type === 'dir' ? '5' : '0', 156, 1, 'ascii')
  h.write('ustar\u000000', 257, 8, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  return h
}

/** A ustar archive of the entries, in the order given (directories before what they hold). */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Uint8Array[] = []
  for (const entry of entries) {
    parts.push(header(entry))
    if (entry.type === 'file') {
      parts.push(entry.data)
      const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK
      if (pad) parts.push(Buffer.alloc(pad))
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK))
  return Buffer.concat(parts)
}
