/**
 * The database the conformance suite runs against. Every test takes its `db` from here, so the
 * same assertions can later be pointed at the real WeChat cloud database: set
 * CONFORMANCE_TARGET=cloud and wire `cloudTarget()` to a real `cloud.database()` (tests marked
 * `localOnly` inspect SQLite internals and are skipped there).
 *
 * Each test uses fresh collection names (`target.name('fans')`), so runs never see each other's
 * data even in a shared cloud environment.
 */
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { LocalDatabase, type CloudDatabase } from '../../src/localcloud/db'

export interface Target {
  db: CloudDatabase
  /** The local implementation when running locally; null against the real service. */
  local: LocalDatabase | null
  /** A collection name unique to this run. */
  name(base: string): string
  close(): Promise<void>
}

export interface TargetOptions {
  /** Use a file in a temp dir instead of ':memory:' (for persistence tests). */
  file?: string
  throwOnNotFound?: boolean
  strictCollections?: boolean
}

let seq = 0
const run = Date.now().toString(36)

export const isCloud = process.env.CONFORMANCE_TARGET === 'cloud'

export function createTarget(opts: TargetOptions = {}): Target {
  if (isCloud) return cloudTarget(opts)
  const local = new LocalDatabase({ file: opts.file ?? ':memory:', strictCollections: opts.strictCollections })
  return {
    db: local.api({ throwOnNotFound: opts.throwOnNotFound }),
    local,
    name: (base) => `${base}_${run}_${++seq}`,
    close: async () => local.close()
  }
}

function cloudTarget(_opts: TargetOptions): Target {
  throw new Error(
    'CONFORMANCE_TARGET=cloud: connect cloudTarget() in tests/conformance/db-under-test.ts to a real ' +
      'wx-server-sdk cloud.database() (must run where the real SDK can reach a cloud environment)'
  )
}

/** `test` locally, `test.skip` against the real service: for assertions about SQLite internals. */
export const localOnly: jest.It = isCloud ? test.skip : test

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lcdb-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The local instance, for tests declared with localOnly. */
export function localOf(t: Target): LocalDatabase {
  if (t.local === null) throw new Error('local-only test ran against the cloud')
  return t.local
}

/** Runs `fn` and returns the rejection (fails the test if it resolves). */
export async function rejectionOf(fn: () => unknown): Promise<{ errCode?: number; errMsg?: string; message: string; code?: string }> {
  try {
    await fn()
  } catch (e) {
    return e as { errCode?: number; errMsg?: string; message: string; code?: string }
  }
  throw new Error('expected a rejection, but the call succeeded')
}
