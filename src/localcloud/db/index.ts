/**
 * Local implementation of wx-server-sdk's database API (the subset in README.md) on SQLite.
 *
 *   const local = new LocalDatabase({ file: 'data/cloud.sqlite' })
 *   local.ensureIndexes(spec)              // the repo's index file
 *   const db = local.api()                 // what cloud.database() returns
 */
import { createHash } from 'crypto'
import { CloudDatabase } from './database'
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

export class LocalDatabase {
  private readonly store: Store
  /** @internal The engine the database wire (src/localcloud/wire/database.ts) answers the SDK from. */
  readonly engine: Engine

  constructor(opts: LocalDbOptions) {
    this.store = new Store(opts.file, opts.strictCollections === true)
    this.engine = new Engine(this.store)
  }

  /** The object cloud functions get from cloud.database(options). */
  api(options?: { throwOnNotFound?: boolean }): CloudDatabase {
    return new CloudDatabase({ engine: this.engine, throwOnNotFound: options?.throwOnNotFound !== false })
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
    this.store.close()
  }
}

export { CloudDatabase }
export type { IndexSpec, IndexDef, IndexKey } from './indexes'
export type { Transaction, TransactionCollection, TransactionDocument } from './transaction'
export type { CollectionReference, Query } from './collection'
export type { DocumentReference } from './document'
export type { Aggregate } from './aggregate'
export type { DbCommand } from './commands'
export { Point, ServerDate } from './datatypes'
export { CloudDbError } from './errors'
