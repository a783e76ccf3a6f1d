/**
 * The database the conformance suite runs against: always the REAL wx-server-sdk's `database()`,
 * so the suite pins what the SDK's own query builder, serializer, result parsing and error mapping
 * do on top of whatever answers beneath it.
 *
 * - Local target (default): the SDK's requests reach a fresh LocalDatabase through the seam at
 *   `DBRequest.prototype.send` (src/localcloud/wire/db-seam.ts).
 * - Cloud target (`CONFORMANCE_TARGET=cloud`, what tests/conformance/cloud-target.test.ts sets):
 *   the same tests on a real env, without the seam, when `FANLOOP_CLOUD_ENV`,
 *   `TENCENTCLOUD_SECRETID` and `TENCENTCLOUD_SECRETKEY` are set; otherwise every test is skipped and
 *   the reason is given. Tests declared with `localOnly` inspect SQLite internals and are skipped there.
 *
 * Every test uses fresh collection names (`target.name('fans')`), so runs never see each other's
 * data even in a shared cloud environment (the cloud target creates each collection first).
 */
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type cloudSdk from 'wx-server-sdk'
import { LocalDatabase, type CloudDatabase, type DatabaseWire } from '../../src/localcloud/db'

export interface Target {
  /** The real SDK's database. Typed loosely: the suite also probes what the SDK accepts and refuses. */
  db: SdkDb
  /** The local implementation when running locally; null against the real service. */
  local: LocalDatabase | null
  /** The wire answering the SDK locally (conflict switch, request counts); null against the real service. */
  wire: DatabaseWire | null
  /** A collection name unique to this run. */
  name(base: string): string
  close(): Promise<void>
}

/** The real SDK's database, plus what types/wx-server-sdk.d.ts leaves out (createCollection, RegExp). */
export type SdkDb = CloudDatabase & {
  createCollection(name: string): Promise<{ errMsg: string }>
  RegExp(options: { regexp: string; options?: string }): unknown
}

export interface TargetOptions {
  /** Use a file in a temp dir instead of ':memory:' (for persistence tests). */
  file?: string
  throwOnNotFound?: boolean
  strictCollections?: boolean
  /** Write-conflict emulation between transactions (default on, as in production). */
  conflicts?: boolean
}

// Every request now runs the real SDK's serializer and parser: seeding a test's data takes longer,
// and these machines are shared.
jest.setTimeout(30_000)

let seq = 0
const run = Date.now().toString(36)

export const isCloud = process.env.CONFORMANCE_TARGET === 'cloud'

/** Why the cloud target cannot run here, or null when it can. */
export function cloudSkipReason(): string | null {
  const missing = ['FANLOOP_CLOUD_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !process.env[k])
  return missing.length === 0 ? null : `real cloud env not configured: set ${missing.join(', ')}`
}

const skipAll = isCloud && cloudSkipReason() !== null

/** Use instead of jest's `test`: skipped (with the reason, see cloud-target.test.ts) when the chosen target cannot run. */
export const test: jest.It = skipAll ? globalThis.test.skip : globalThis.test

/** `test` locally, `test.skip` against the real service: for assertions about SQLite internals. */
export const localOnly: jest.It = isCloud ? globalThis.test.skip : globalThis.test

export function createTarget(opts: TargetOptions = {}): Target {
  if (isCloud) return cloudTarget(opts)
  const local = new LocalDatabase({ file: opts.file ?? ':memory:', strictCollections: opts.strictCollections })
  const wire = local.wire()
  wire.setConflicts(opts.conflicts !== false)
  return {
    db: local.api({ throwOnNotFound: opts.throwOnNotFound }) as SdkDb,
    local,
    wire,
    name: (base) => `${base}_${run}_${++seq}`,
    close: async () => local.close()
  }
}

function realSdk(): typeof cloudSdk {
  return require('wx-server-sdk/index.js') as typeof cloudSdk
}

/**
 * A real env. The cloud refuses requests to collections that do not exist, so `name()` creates the
 * collection, and every call that sends a request waits for the creations asked for so far.
 */
function cloudTarget(opts: TargetOptions): Target {
  const reason = cloudSkipReason()
  if (reason !== null) {
    // only reached if a test ignores `test` above; say why instead of failing on the network
    throw new Error(`cloud target skipped: ${reason}`)
  }
  const env = process.env.FANLOOP_CLOUD_ENV as string
  const cloud = realSdk()
  cloud.init({ env, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY } as never)
  const raw = cloud.database({ env, throwOnNotFound: opts.throwOnNotFound }) as SdkDb
  let pending: Promise<unknown> = Promise.resolve()
  const afterCreations = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(o, prop, recv) {
        const v = Reflect.get(o, prop, recv) as unknown
        if (typeof v !== 'function') return v
        return (...args: unknown[]) => {
          const r = (v as (...a: unknown[]) => unknown).apply(o, args)
          if (r instanceof Promise) return pending.then(() => r)
          return typeof r === 'object' && r !== null ? afterCreations(r) : r
        }
      }
    })
  return {
    db: afterCreations(raw),
    local: null,
    wire: null,
    name: (base) => {
      const n = `${base}_${run}_${++seq}`
      pending = pending.then(() => (raw.createCollection(n) as Promise<unknown>).catch(() => undefined))
      return n
    },
    close: async () => undefined
  }
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'lcdb-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The local instance, for tests declared with localOnly. */
export function localOf(t: Target): LocalDatabase {
  if (t.local === null) throw new Error('local-only test ran against the cloud')
  return t.local
}

/** The local wire, for tests declared with localOnly. */
export function wireOf(t: Target): DatabaseWire {
  if (t.wire === null) throw new Error('local-only test ran against the cloud')
  return t.wire
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
