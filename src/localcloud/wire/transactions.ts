/**
 * Transactions as the cloud database runs them (MongoDB snapshot isolation under CloudBase's
 * `database.startTransaction` / `commitTransaction` / `abortTransaction`), for the wire.
 *
 * - A transaction's snapshot point is its first operation. Writes are buffered and applied at commit
 *   in one SQLite commit; a transaction reads its own writes.
 * - Conflicts (on by default, as in production): a document a transaction writes is locked until it
 *   commits or aborts. Another transaction writing that document — a blind `$inc` included — fails
 *   at that write with `DATABASE_TRANSACTION_CONFLICT`, as does a write to a document committed by
 *   someone else after the snapshot point (MongoDB's WriteConflict: write-write conflicts only, a
 *   document that was only read never conflicts). The failing transaction is aborted, as MongoDB
 *   aborts it. The SDK turns the answer into `errCode -501001` and does not retry it.
 * - A write outside any transaction to a locked document waits until the transaction ends (MongoDB
 *   makes it wait for the lock; it does not fail). Once under way it counts as committed for the
 *   conflict check, though the engine applies it a moment later (grouped writes): a transaction
 *   writing that document meanwhile conflicts, as it would on the server, where the plain write
 *   commits first; without this, the transaction's buffered write would land on top of it.
 * - A transaction not committed within 30 s is gone (`DATABASE_TRANSACTION_FAIL`), its locks freed.
 * - With conflicts off, nothing is locked or checked: buffered writes are re-applied to the latest
 *   state at commit.
 *
 * Reads are stable per document (the first read is returned again) but are not one snapshot across
 * documents: the engine keeps no old versions. A document changed after the snapshot point is read
 * as it is now; writing it then conflicts.
 */
import { randomBytes } from 'crypto'
import type { Engine } from '../db/engine'
import { duplicateKey, transactionConflict, transactionNotExist } from '../db/errors'
import { applyUpdate, cloneSV, type FieldUpdate } from '../db/update'
import type { SVObject } from '../db/values'

export const TX_LIFETIME_MS = 30_000

export type TxOp = { t: 'insert'; body: SVObject } | { t: 'set'; body: SVObject } | { t: 'update'; ops: FieldUpdate[] } | { t: 'remove' }

interface Entry {
  coll: string
  id: string | number
  ops: TxOp[]
}

export function docKey(coll: string, id: string | number): string {
  return `${coll}\u0000${typeof id}\u0000${String(id)}`
}

class Tx {
  state: 'open' | 'committing' | 'done' = 'open'
  snapshot: number | null = null
  readonly reads = new Map<string, SVObject | null>()
  readonly writes = new Map<string, Entry>()
  readonly held = new Set<string>()
  timer: NodeJS.Timeout | null = null
  constructor(readonly id: string) {}
}

export class Transactions {
  conflicts: boolean
  private readonly txs = new Map<string, Tx>()
  private readonly locks = new Map<string, Tx>()
  private readonly waiters = new Map<string, Array<() => void>>()
  /** Documents plain writes (outside transactions) are changing: under way, not yet applied. */
  private readonly inFlight = new Map<string, number>()

  constructor(
    private readonly engine: Engine,
    conflicts: boolean
  ) {
    this.conflicts = conflicts
  }

  start(): string {
    const tx = new Tx(`local-tx-${randomBytes(12).toString('hex')}`)
    this.txs.set(tx.id, tx)
    tx.timer = setTimeout(() => this.end(tx), TX_LIFETIME_MS)
    tx.timer.unref()
    return tx.id
  }

  private open(id: unknown, api: string): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined
    if (tx === undefined || tx.state !== 'open') throw transactionNotExist(api)
    if (tx.snapshot === null) tx.snapshot = this.engine.store.version()
    return tx
  }

  /** The document as the transaction sees it (null: missing). */
  read(txId: unknown, coll: string, id: string | number, api: string): SVObject | null {
    return this.view(this.open(txId, api), coll, id)
  }

  private view(tx: Tx, coll: string, id: string | number): SVObject | null {
    const key = docKey(coll, id)
    let base: SVObject | null
    if (tx.reads.has(key)) {
      const seen = tx.reads.get(key) ?? null
      base = seen === null ? null : cloneSV(seen)
    } else {
      const row = this.engine.store.getRow(coll, id)
      base = row === undefined ? null : (JSON.parse(row.data) as SVObject)
      tx.reads.set(key, base === null ? null : cloneSV(base))
    }
    return applyOps(base, tx.writes.get(key)?.ops ?? [], api(coll))
  }

  /**
   * Buffers one write after the conflict checks; `prepare` sees the document as the transaction does
   * and returns the operation to buffer (or null: nothing to write, e.g. an update of a missing document).
   */
  write<T>(txId: unknown, coll: string, id: string | number, api: string, prepare: (current: SVObject | null) => { op: TxOp | null; result: T }): T {
    const tx = this.open(txId, api)
    const key = docKey(coll, id)
    const current = this.view(tx, coll, id)
    const { op, result } = prepare(current)
    if (op === null) return result
    if (this.conflicts && !tx.held.has(key)) {
      const holder = this.locks.get(key)
      const changed = this.engine.store.versionOf(coll, id) > (tx.snapshot ?? 0) || this.inFlight.has(key)
      if ((holder !== undefined && holder !== tx) || changed) {
        this.end(tx)
        throw transactionConflict(api)
      }
      this.locks.set(key, tx)
      tx.held.add(key)
    }
    let e = tx.writes.get(key)
    if (e === undefined) {
      e = { coll, id, ops: [] }
      tx.writes.set(key, e)
    }
    e.ops.push(op)
    return result
  }

  async commit(txId: unknown): Promise<void> {
    const tx = this.open(txId, 'transaction.commit')
    tx.state = 'committing'
    const store = this.engine.store
    try {
      if (tx.writes.size === 0) return
      await store.writeGrouped(() => {
        for (const e of tx.writes.values()) {
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
    } finally {
      this.end(tx)
    }
  }

  abort(txId: unknown): void {
    this.end(this.open(txId, 'transaction.rollback'))
  }

  /** Ends a transaction (committed, aborted, failed or expired) and frees its locks. */
  private end(tx: Tx): void {
    tx.state = 'done'
    if (tx.timer !== null) clearTimeout(tx.timer)
    this.txs.delete(tx.id)
    for (const key of tx.held) {
      if (this.locks.get(key) === tx) this.locks.delete(key)
      const w = this.waiters.get(key)
      if (w !== undefined) {
        this.waiters.delete(key)
        for (const wake of w) wake()
      }
    }
    tx.held.clear()
  }

  /**
   * A write outside transactions: waits while a transaction holds any of the documents it writes, then
   * runs `apply` with those documents marked under way until it settles. The mark is set in the same
   * turn as the last lock check, so no transaction can lock one of them in between.
   */
  async plainWrite<T>(coll: string, ids: Array<string | number>, apply: () => Promise<T>): Promise<T> {
    if (!this.conflicts) return apply()
    const keys = ids.map((id) => docKey(coll, id))
    for (;;) {
      const key = keys.find((k) => this.locks.has(k))
      if (key === undefined) break
      await new Promise<void>((resolve) => {
        const w = this.waiters.get(key) ?? []
        w.push(resolve)
        this.waiters.set(key, w)
      })
    }
    for (const k of keys) this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1)
    try {
      return await apply()
    } finally {
      for (const k of keys) {
        const n = (this.inFlight.get(k) ?? 1) - 1
        if (n > 0) this.inFlight.set(k, n)
        else this.inFlight.delete(k)
      }
    }
  }
}

function api(coll: string): string {
  return `transaction(${coll})`
}

function applyOps(base: SVObject | null, ops: TxOp[], apiName: string, entry?: Entry): SVObject | null {
  let doc = base
  for (const op of ops) {
    if (op.t === 'insert') {
      if (doc !== null && entry !== undefined) throw duplicateKey(apiName, entry.coll, '_id_', `{ _id: ${JSON.stringify(entry.id)} }`)
      doc = cloneSV(op.body)
    } else if (op.t === 'set') doc = cloneSV(op.body)
    else if (op.t === 'remove') doc = null
    else if (doc !== null) applyUpdate(doc, op.ops, apiName)
  }
  return doc
}
