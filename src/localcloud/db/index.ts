/**
 * The local cloud's database: a SQLite engine that answers the real wx-server-sdk's database
 * requests (see README.md and src/localcloud/wire).
 *
 *   const local = new LocalDatabase({ file: 'data/cloud.sqlite' })
 *   local.ensureIndexes(spec)              // the repo's index file
 *   const db = local.api()                 // the real SDK's cloud.database(), answered by this database
 */
import { createHash } from 'crypto'
import type cloudSdk from 'wx-server-sdk'
import { createDatabaseWire, type DatabaseWire } from '../wire/database'
import { installDatabaseWire } from '../wire/db-seam'
import { Engine, generateId, checkId } from './engine'
import { ensureIndexes as ensure, type IndexSpec } from './indexes'
import { Store, quoteIdent } from './store'
import { encodeValue, type SVObject } from './values'

export interface LocalDbOptions {
  /** A path, or ':memory:'. */
  file: string
  /**
   * Reproduce the cloud's -502005 "collection not exists" for collections that were never created
   * (by ensureIndexes, createCollection, or — when false — a first write). Default false: a write
   * creates the collection and reading an unknown collection returns nothing.
   */
  strictCollections?: boolean
}

/** What the real SDK's `cloud.database()` returns (typed by types/wx-server-sdk.d.ts). */
export type CloudDatabase = ReturnType<typeof cloudSdk.database>

let dbSeq = 0

function realSdk(): typeof cloudSdk {
  // by file, so that jest's moduleNameMapper for the bare name cannot substitute it
  return require('wx-server-sdk/index.js') as typeof cloudSdk
}

export class LocalDatabase {
  private readonly store: Store
  /** @internal The engine the database wire (src/localcloud/wire/database.ts) answers the SDK from. */
  readonly engine: Engine

  private ownWire: DatabaseWire | null = null
  private route: (() => void) | null = null
  /** The env name under which api()'s requests reach this database (one process may hold several). */
  private readonly env = `local-db-${process.pid}-${++dbSeq}`

  constructor(opts: LocalDbOptions) {
    this.store = new Store(opts.file, opts.strictCollections === true)
    this.engine = new Engine(this.store)
  }

  /** This database's own wire (what api() talks through); conflict emulation is on unless turned off. */
  wire(): DatabaseWire {
    this.ownWire ??= createDatabaseWire(this)
    return this.ownWire
  }

  /**
   * The real wx-server-sdk's `cloud.database(options)`, answered by this database through the seam:
   * for seeding, tests and tools, which thus run the same SDK code as the functions. (The local cloud
   * routes the functions' own `cloud.database()` to its database the same way.)
   */
  api(options: { throwOnNotFound?: boolean } = {}): CloudDatabase {
    this.route ??= installDatabaseWire(this.wire().send, { env: this.env })
    const cloud = realSdk()
    // only when given: the SDK reads `throwOnNotFound: undefined` as false (it tests hasOwnProperty)
    const config = options.throwOnNotFound === undefined ? { env: this.env } : { env: this.env, throwOnNotFound: options.throwOnNotFound }
    try {
      return cloud.database(config)
    } catch {
      // "please call init first": nothing else in this process has initialised the SDK yet
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      return cloud.database(config)
    }
  }

  /** Creates SQLite expression indexes (and an R*Tree per 2dsphere key) from the index spec; idempotent. */
  ensureIndexes(spec: IndexSpec): void {
    ensure(this.store, spec)
  }

  /**
   * Document count and a stable checksum of all data (ids, contents and versions) in every collection,
   * or in every collection but `except` (say, bookkeeping that counts refused attempts on purpose).
   */
  snapshot(opts: { except?: string[] } = {}): { docs: number; checksum: string } {
    const skip = new Set((opts.except ?? []).map((c) => `c_${c}`))
    const hash = createHash('sha256')
    let docs = 0
    const tables = this.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'c_*' ORDER BY name").all() as Array<{
      name: string
    }>
    for (const { name } of tables) {
      if (skip.has(name)) continue
      // rows only: an empty collection (e.g. created by a transaction that then failed) adds nothing
      for (const r of this.store.db.prepare(`SELECT _id, data, v FROM ${quoteIdent(name)} ORDER BY _id`).iterate() as Iterable<{
        _id: unknown
        data: string
        v: number
      }>) {
        hash.update(`${name}\u0000${typeof r._id}:${String(r._id)}\u0000${r.data}\u0000${r.v}\n`)
        docs++
      }
    }
    return { docs, checksum: hash.digest('hex') }
  }

  /** Local-only seeding helper: inserts many documents in one SQLite transaction. Returns the count. */
  bulkInsert(collection: string, docs: Array<Record<string, unknown>>): number {
    Store.checkName(collection, 'bulkInsert')
    const now = Date.now()
    this.store.write(() => {
      this.store.ensureTable(collection, 'bulkInsert', true)
      for (const d of docs) {
        const sv = encodeValue(d, 'bulkInsert', now) as SVObject
        const id = sv._id === undefined ? generateId() : checkId(sv._id, 'bulkInsert')
        delete sv._id
        this.store.insertRow(collection, id, sv, 'bulkInsert')
      }
    })
    return docs.length
  }

  close(): void {
    this.route?.()
    this.route = null
    this.store.close()
  }
}

export type { IndexSpec, IndexDef, IndexKey } from './indexes'
export { CloudDbError } from './errors'
export { createDatabaseWire, type DatabaseWire, type DbWireOptions, type DbRequestCounter } from '../wire/database'
