/**
 * Transactions: db.runTransaction(callback, times = 3) and db.startTransaction().
 *
 * Optimistic, in-process isolation: writes are buffered (a transaction reads its own writes), every
 * document the transaction *reads* is remembered with its version, and commit() applies all
 * buffered writes at once (one savepoint of a grouped SQLite commit, Store.writeGrouped) after
 * checking that none of those versions changed; otherwise it fails with the cloud's conflict error
 * and runTransaction re-runs the callback, exactly as the SDK does (retry only on
 * DATABASE_TRANSACTION_CONFLICT; with the default times = 3 the callback runs at most 4 times).
 * A write to a document the transaction read after someone else changed it fails at once, as the
 * cloud reports write conflicts at the write.
 *
 * Blind writes (never read) are re-applied to the latest committed state at commit, so concurrent
 * `_.inc` on one counter never loses an update and never conflicts.
 *
 * Only single-document operations exist, as in the cloud: doc().get/set/update/remove and add().
 */
import { strict } from './commands'
import { dataOf, encodeReplacement } from './document'
import { checkId, generateId, type DbContext } from './engine'
import { documentNotFound, duplicateKey, invalidParam, isConflict, transactionConflict, transactionNotExist } from './errors'
import { Store } from './store'
import { applyUpdate, cloneSV, parseUpdate, type FieldUpdate } from './update'
import { decodeValue, encodeValue, type SVObject } from './values'

type TxOp = { t: 'insert'; body: SVObject } | { t: 'set'; body: SVObject } | { t: 'update'; ops: FieldUpdate[] } | { t: 'remove' }

interface Entry {
  coll: string
  id: string | number
  ops: TxOp[]
}

const TX_TIMEOUT_MS = 30_000
let txCounter = 0

function keyOf(coll: string, id: string | number): string {
  return `${coll}\u0000${typeof id}\u0000${String(id)}`
}

export class Transaction {
  readonly _id = `local-tx-${++txCounter}`
  aborted = false
  abortReason: unknown = undefined
  commited = false
  private committing = false
  private readonly startedAt = Date.now()
  private readonly reads = new Map<string, { coll: string; id: string | number; v: number; doc: SVObject | null }>()
  private readonly writes = new Map<string, Entry>()

  constructor(private readonly ctx: DbContext) {}

  /** @internal */
  get throwOnNotFound(): boolean {
    return this.ctx.throwOnNotFound
  }

  collection(name: string): TransactionCollection {
    Store.checkName(name, 'transaction.collection')
    return new TransactionCollection(this, name)
  }

  /** @internal */
  active(api: string): Store {
    if (this.aborted || this.commited || this.committing || Date.now() - this.startedAt > TX_TIMEOUT_MS) throw transactionNotExist(api)
    return this.ctx.engine.store
  }

  /** @internal The document as this transaction sees it; `record` makes it part of the conflict check. */
  view(coll: string, id: string | number, record: boolean): SVObject | null {
    const key = keyOf(coll, id)
    let base: SVObject | null
    const seen = this.reads.get(key)
    if (seen !== undefined) {
      base = seen.doc === null ? null : cloneSV(seen.doc)
    } else {
      const row = this.ctx.engine.store.getRow(coll, id)
      base = row === undefined ? null : (JSON.parse(row.data) as SVObject)
      if (record) this.reads.set(key, { coll, id, v: row?.v ?? 0, doc: base === null ? null : cloneSV(base) })
    }
    return applyOps(base, this.writes.get(key)?.ops ?? [], 'transaction')
  }

  /** @internal Buffers a write; refuses it at once if a document this transaction read has changed. */
  buffer(coll: string, id: string | number, op: TxOp, api: string): void {
    const key = keyOf(coll, id)
    const seen = this.reads.get(key)
    if (seen !== undefined && this.ctx.engine.store.versionOf(coll, id) !== seen.v) throw transactionConflict(api)
    let e = this.writes.get(key)
    if (e === undefined) {
      e = { coll, id, ops: [] }
      this.writes.set(key, e)
    }
    e.ops.push(op)
  }

  async commit(): Promise<{ requestId: string; errMsg: string }> {
    const store = this.active('transaction.commit')
    this.committing = true
    try {
      await this.apply(store)
    } finally {
      this.committing = false
    }
    this.commited = true
    return { requestId: this._id, errMsg: 'transaction.commit:ok' }
  }

  // Checked and applied when the grouped commit runs, so against the latest state, not the state at commit().
  private apply(store: Store): Promise<void> {
    return store.writeGrouped(() => {
      for (const r of this.reads.values()) {
        if (store.versionOf(r.coll, r.id) !== r.v) throw transactionConflict('transaction.commit')
      }
      for (const e of this.writes.values()) {
        const row = store.getRow(e.coll, e.id)
        const doc = applyOps(row === undefined ? null : (JSON.parse(row.data) as SVObject), e.ops, 'transaction.commit', e)
        if (row !== undefined && doc !== null) store.updateRow(e.coll, row, doc, 'transaction.commit')
        else if (row !== undefined) store.deleteRow(e.coll, row.rowid)
        else if (doc !== null) {
          store.ensureTable(e.coll, 'transaction.commit')
          store.insertRow(e.coll, e.id, doc, 'transaction.commit')
        }
      }
    })
  }

  async rollback(reason?: unknown): Promise<{ requestId: string; errMsg: string }> {
    this.active('transaction.rollback')
    this.aborted = true
    this.abortReason = reason
    this.writes.clear()
    return { requestId: this._id, errMsg: 'transaction.rollback:ok' }
  }
}

function applyOps(base: SVObject | null, ops: TxOp[], api: string, entry?: Entry): SVObject | null {
  let doc = base
  for (const op of ops) {
    if (op.t === 'insert') {
      if (doc !== null && entry !== undefined) throw duplicateKey(api, entry.coll, '_id_', `{ _id: ${JSON.stringify(entry.id)} }`)
      doc = cloneSV(op.body)
    } else if (op.t === 'set') doc = cloneSV(op.body)
    else if (op.t === 'remove') doc = null
    else if (doc !== null) applyUpdate(doc, op.ops, api)
  }
  return doc
}

const BATCH = 'only single-document operations (doc().get/set/update/remove and add()) are allowed in a transaction'

export class TransactionCollection {
  constructor(
    private readonly tx: Transaction,
    readonly collectionName: string
  ) {
    return strict(this, 'transaction.collection()')
  }

  doc(id: string | number): TransactionDocument {
    return new TransactionDocument(this.tx, this.collectionName, checkId(id, 'transaction.doc'))
  }

  async add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number; errMsg: string }> {
    this.tx.active('collection.add')
    const doc = encodeValue(dataOf(options, 'collection.add'), 'collection.add', Date.now()) as SVObject
    const id = doc._id === undefined ? generateId() : checkId(doc._id, 'collection.add')
    const body = { ...doc }
    delete body._id
    if (this.tx.view(this.collectionName, id, false) !== null) {
      throw duplicateKey('collection.add', this.collectionName, '_id_', `{ _id: ${JSON.stringify(id)} }`)
    }
    this.tx.buffer(this.collectionName, id, { t: 'insert', body }, 'collection.add')
    return { _id: id, errMsg: 'collection.add:ok' }
  }

  where(): never {
    throw invalidParam('transaction.where', BATCH)
  }
  get(): never {
    throw invalidParam('transaction.get', BATCH)
  }
  count(): never {
    throw invalidParam('transaction.count', BATCH)
  }
  update(): never {
    throw invalidParam('transaction.update', BATCH)
  }
  remove(): never {
    throw invalidParam('transaction.remove', BATCH)
  }
  aggregate(): never {
    throw invalidParam('transaction.aggregate', BATCH)
  }
}

export class TransactionDocument {
  constructor(
    private readonly tx: Transaction,
    readonly collectionName: string,
    readonly id: string | number
  ) {}

  async get<T = Record<string, unknown>>(): Promise<{ data: T | null; errMsg: string }> {
    this.tx.active('document.get')
    const doc = this.tx.view(this.collectionName, this.id, true)
    if (doc === null) {
      if (this.tx.throwOnNotFound) throw documentNotFound(this.id)
      return { data: null, errMsg: 'document.get:ok' }
    }
    return { data: decodeValue({ _id: this.id, ...doc }) as T, errMsg: 'document.get:ok' }
  }

  async set(options: { data: Record<string, unknown> }): Promise<{ _id: string | number; stats: { updated: number; created: number }; errMsg: string }> {
    this.tx.active('document.set')
    const body = encodeReplacement(dataOf(options, 'document.set'), 'document.set', Date.now())
    const existed = this.tx.view(this.collectionName, this.id, false) !== null
    this.tx.buffer(this.collectionName, this.id, { t: 'set', body }, 'document.set')
    return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 }, errMsg: 'document.set:ok' }
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number }; errMsg: string }> {
    this.tx.active('document.update')
    const ops = parseUpdate(dataOf(options, 'document.update'), 'document.update', Date.now())
    const current = this.tx.view(this.collectionName, this.id, false)
    if (current === null) return { stats: { updated: 0 }, errMsg: 'document.update:ok' }
    applyUpdate(current, ops, 'document.update') // surfaces $inc-on-string and similar errors at the call
    this.tx.buffer(this.collectionName, this.id, { t: 'update', ops }, 'document.update')
    return { stats: { updated: 1 }, errMsg: 'document.update:ok' }
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    this.tx.active('document.remove')
    const existed = this.tx.view(this.collectionName, this.id, false) !== null
    this.tx.buffer(this.collectionName, this.id, { t: 'remove' }, 'document.remove')
    return { stats: { removed: existed ? 1 : 0 }, errMsg: 'document.remove:ok' }
  }
}

export async function runTransaction<T>(ctx: DbContext, callback: (tx: Transaction) => Promise<T> | T, times = 3): Promise<T> {
  if (typeof callback !== 'function') throw invalidParam('database.runTransaction', 'callback must be a function')
  const tx = new Transaction(ctx)
  try {
    const result = await callback(tx)
    if (tx.aborted) throw tx.abortReason
    await tx.commit()
    return result
  } catch (error) {
    // same control flow as the SDK: retry on conflict while times > 0, otherwise roll back and
    // reject with the rollback reason (if the callback rolled back) or the error
    const rethrow = async (): Promise<never> => {
      if (!tx.aborted && !tx.commited) {
        try {
          await tx.rollback()
        } catch {
          // the transaction may already be gone
        }
        throw error
      }
      if (tx.aborted) throw tx.abortReason
      throw error
    }
    if (times <= 0) return rethrow()
    if (isConflict(error)) return runTransaction(ctx, callback, times - 1)
    return rethrow()
  }
}

export async function startTransaction(ctx: DbContext): Promise<Transaction> {
  return new Transaction(ctx)
}
