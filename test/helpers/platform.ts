/**
 * Tests that run a Linux x64 binary from the optional dev dependencies in test/linux-binaries/ (Node 22 for the
 * skills CLI, the official dsql-lint). npm ci installs those only on Linux x64, so elsewhere the tests are skipped
 * and their title says why; on Linux x64 a missing binary is a failure, never a silent skip.
 */
import { join } from 'node:path'

export const REPO_ROOT = join(import.meta.dirname, '..', '..')

/** True where the optional binaries install and run. */
export const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64'

/** Suffix for a describe title: empty on Linux x64, else the reason the block is skipped. */
export function skipReason(binary: string): string {
  if (LINUX_X64) return ''
  const reason = ` [skipped on ${process.platform}-${process.arch}: needs ${binary}, a linux-x64 binary from the optional dev dependency test/linux-binaries, which npm ci installs only on Linux x64; CI runs it]`
  console.warn(reason.trim())
  return reason
}
