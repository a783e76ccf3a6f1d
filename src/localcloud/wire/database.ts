/**
 * The local cloud's answer to the real wx-server-sdk's database requests. Every request the SDK's
 * database sends (`database.getDocument`, `calculateDocument`, `insertDocument`, `modifyDocument`,
 * `removeDocument`, `aggregateDocuments`, `startTransaction`, `commitTransaction`,
 * `abortTransaction`, `addCollection`) arrives at `send(action, params)` through the seam in
 * db-seam.ts, is translated (ejson.ts, mongo.ts, pipeline.ts) and run by the SQLite engine, and is
 * answered in the shapes the SDK parses (see `@cloudbase/database`'s query.js / document.js /
 * collection.js / aggregate.js / transaction/index.js):
 *
 *   reads        { requestId, data: { list: [<EJSON string>], offset, limit } }
 *   count        { requestId, data: { total } }
 *   insert       { requestId, data: { insertedIds } }
 *   modify       { requestId, data: { updated, upsert_id? } }
 *   remove       { requestId, data: { deleted } }
 *   aggregate    { requestId, data: { list: [<EJSON string>] } }
 *   start        { requestId, transactionId }        commit / abort: { requestId }
 *   any failure  { requestId, code, message }         (never a rejection)
 *
 * An error answer's `code` is CloudBase's name for the condition (`DATABASE_TRANSACTION_CONFLICT`,
 * `DATABASE_DUPLICATE_WRITE`, `INVALID_PARAM`, `DATABASE_REQUEST_FAILED`,
 * `DATABASE_COLLECTION_NOT_EXIST`, `DATABASE_TRANSACTION_FAIL`); wx-server-sdk maps it through its
 * TCB_ERR_CODE table (names it does not list, such as the conflict and duplicate codes, become
 * -501001) and rejects with `<api>:fail <errCode> <description>. <message>`.
 */
import { randomBytes } from 'crypto'
import { checkId, generateId, type Engine, type QueryState } from '../db/engine'
import { CloudDbError, invalidParam, unsupported } from '../db/errors'
import type { LocalDatabase } from '../db'
import type { ParsedWhere } from '../db/cond'
import { Store } from '../db/store'
import { runPipeline } from '../db/aggregate'
import { applyUpdate, type FieldUpdate } from '../db/update'
import { isObjectSV, isDateSV, type SV, type SVObject } from '../db/values'
import { parseEJSON, svToEJSON, toSV } from './ejson'
import { parseOrder, parseProjectionSV, parseQuery, parseReplacement, parseUpdate } from './mongo'
import { parseStages } from './pipeline'
import { Transactions, type TxOp } from './transactions'

export interface DbWireOptions {
  /** Emulate write conflicts between concurrent transactions (default true, as in production). */
  conflicts?: boolean
  /** Told of every request, before it is answered (per-invocation counts: read an AsyncLocalStorage in it). */
  counter?: DbRequestCounter
}

export interface DbRequestCounter {
  onRequest(action: string): void
}

export interface DatabaseWire {
  /** Answers one request exactly as the cloud's server does; never rejects. */
  send(action: string, params?: Record<string, unknown>): Promise<unknown>
  setConflicts(on: boolean): void
  setCounter(counter: DbRequestCounter | null): void
  /** Requests answered so far, in total and per action. */
  stats(): { requests: number; byAction: Record<string, number> }
  /** Local-only: runs `fn` and returns the SQLite query plan of each query it sent (tests assert index use). */
  explain(fn: () => Promise<unknown>): Promise<string[]>
}

type Params = Record<string, unknown>
type Answer = Record<string, unknown>

let reqSeq = 0
const REQ_PREFIX = randomBytes(4).toString('hex')

// One lock table per database, as on the server: every wire over one engine shares its transactions.
const transactionsOf = new WeakMap<Engine, Transactions>()

/**
 * A wire over one local database. Wires over the same database share its transactions (and so their
 * locks); `conflicts`, when given, sets conflict emulation for that database.
 */
export function createDatabaseWire(local: LocalDatabase | Engine, opts: DbWireOptions = {}): DatabaseWire {
  const engine = 'engine' in local ? local.engine : local
  let txs = transactionsOf.get(engine)
  if (txs === undefined) {
    txs = new Transactions(engine, opts.conflicts !== false)
    transactionsOf.set(engine, txs)
  } else if (opts.conflicts !== undefined) txs.conflicts = opts.conflicts
  const shared = txs
  let counter = opts.counter ?? null
  let plans: string[] | null = null
  let requests = 0
  const byAction: Record<string, number> = {}

  async function send(action: string, params: Params = {}): Promise<unknown> {
    requests++
    byAction[action] = (byAction[action] ?? 0) + 1
    counter?.onRequest(action)
    // FANLOOP_DB_TRACE=1 prints each request (action, collection): to see what a journey's count is made of
    if (process.env.FANLOOP_DB_TRACE === '1') console.log(`[db] ${action} ${String(params?.collectionName ?? '')}${params?.transactionId ? ' (tx)' : ''}`)
    const requestId = `local-${REQ_PREFIX}-${(++reqSeq).toString(36)}`
    try {
      if (plans !== null && action === 'database.getDocument' && !params?.transactionId) plans.push(...explainGet(engine, params ?? {}))
      return { requestId, ...(await answer(engine, shared, action, params ?? {})) }
    } catch (e) {
      if (e instanceof CloudDbError) return { requestId, code: e.code ?? 'SYS_ERR', message: e.detail }
      // a defect of the local cloud, answered as the server's system error rather than thrown into the SDK
      return { requestId, code: 'SYS_ERR', message: `local cloud database error: ${e instanceof Error ? e.message : String(e)}` }
    }
  }

  return {
    send,
    setConflicts: (on) => {
      shared.conflicts = on
    },
    setCounter: (c) => {
      counter = c
    },
    stats: () => ({ requests, byAction: { ...byAction } }),
    explain: async (fn) => {
      plans = []
      try {
        await fn()
        return plans
      } finally {
        plans = null
      }
    }
  }
}

function queryState(p: Params, api: string, now: number, query = decode(p, 'query', now)): QueryState {
  return {
    where: parseQuery(query, api),
    order: parseOrder(decode(p, 'order', now), api),
    skip: count(p.offset, 'offset', api) ?? 0,
    limit: count(p.limit, 'limit', api),
    projection: parseProjectionSV(decode(p, 'projection', now), api)
  }
}

function explainGet(engine: Engine, p: Params): string[] {
  try {
    return engine.explain(collectionOf(p, 'explain'), queryState(p, 'explain', Date.now()))
  } catch {
    return []
  }
}

function collectionOf(p: Params, api: string): string {
  Store.checkName(p.collectionName as string, api)
  return p.collectionName as string
}

function decode(p: Params, key: string, now: number): SV | undefined {
  const v = p[key]
  if (v === undefined || v === null || v === '') return undefined
  return toSV(typeof v === 'string' ? parseEJSON(v, key) : v, now)
}

/** `{ _id: <string | number> }` and nothing else: a doc() request. */
function docId(q: SV | undefined): string | number | null {
  if (!isObjectSV(q) || isDateSV(q)) return null
  const keys = Object.keys(q)
  if (keys.length !== 1 || keys[0] !== '_id') return null
  const id = q._id
  return typeof id === 'string' || typeof id === 'number' ? id : null
}

function count(v: unknown, name: string, api: string): number | null {
  if (v === undefined || v === null) return null
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(api, `${name} must be a non-negative integer`)
  return v
}

async function answer(engine: Engine, txs: Transactions, action: string, p: Params): Promise<Answer> {
  const now = Date.now()
  const tx = p.transactionId
  const inTx = tx !== undefined && tx !== null && tx !== ''
  switch (action) {
    case 'database.startTransaction':
      return { transactionId: txs.start() }
    case 'database.commitTransaction':
      await txs.commit(tx)
      return {}
    case 'database.abortTransaction':
      txs.abort(tx)
      return {}
    case 'database.addCollection': {
      const coll = collectionOf(p, 'database.createCollection')
      const store = engine.store
      if (store.exists(coll)) {
        throw new CloudDbError(-501001, '', 'DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${coll}.`)
      }
      store.write(() => store.ensureTable(coll, 'database.createCollection', true))
      return {}
    }
    case 'database.getDocument': {
      const api = 'collection.get'
      const coll = collectionOf(p, api)
      const query = decode(p, 'query', now)
      if (inTx) {
        const id = docId(query)
        if (id === null) throw invalidParam(api, 'only single-document operations (doc().get/set/update/remove and add()) are allowed in a transaction')
        const doc = txs.read(tx, coll, id, 'document.get')
        return { data: { list: doc === null ? [] : [svToEJSON({ _id: id, ...doc })] } }
      }
      const q = queryState(p, api, now, query)
      const list = engine.findEJSON(coll, q, api)
      return { data: { list, offset: q.skip, limit: engine.effectiveLimit(q.limit) } }
    }
    case 'database.calculateDocument': {
      const api = 'collection.count'
      if (inTx) throw invalidParam(api, 'count() is not allowed in a transaction')
      const coll = collectionOf(p, api)
      return { data: { total: engine.count(coll, parseQuery(decode(p, 'query', now), api), api) } }
    }
    case 'database.insertDocument':
      return insert(engine, txs, p, now, inTx)
    case 'database.modifyDocument':
      return modify(engine, txs, p, now, inTx)
    case 'database.removeDocument': {
      const api = 'collection.remove'
      const coll = collectionOf(p, api)
      const query = decode(p, 'query', now)
      const id = docId(query)
      if (inTx) {
        if (id === null) throw invalidParam(api, 'only single-document operations are allowed in a transaction')
        const deleted = txs.write(tx, coll, id, 'document.remove', (cur) => ({
          op: cur === null ? null : ({ t: 'remove' } as TxOp),
          result: cur === null ? 0 : 1
        }))
        return { data: { deleted } }
      }
      const where = parseQuery(query, api)
      const limit = p.multi === false ? 1 : null
      const ids = id !== null ? [id] : engine.matchIds(coll, where, limit, api)
      return { data: { deleted: await txs.plainWrite(coll, ids, () => engine.removeWhere(coll, where, api, limit)) } }
    }
    case 'database.aggregateDocuments': {
      const api = 'collection.aggregate'
      if (inTx) throw invalidParam(api, 'aggregate() is not allowed in a transaction')
      const coll = collectionOf(p, api)
      const docs = runPipeline(engine, coll, parseStages(p.stages, engine, coll, now))
      return { data: { list: docs.map(svToEJSON) } }
    }
    default:
      throw unsupported(`database request ${action}`)
  }
}

async function insert(engine: Engine, txs: Transactions, p: Params, now: number, inTx: boolean): Promise<Answer> {
  const api = 'collection.add'
  const coll = collectionOf(p, api)
  if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam(api, 'data must be a non-empty array of documents')
  const docs = p.data.map((text) => {
    const doc = parseReplacement(toSV(parseEJSON(text, 'data'), now), api)
    if (doc._id !== undefined) doc._id = checkId(doc._id, api)
    return doc
  })
  if (inTx) {
    if (docs.length !== 1) throw invalidParam(api, 'only single-document operations are allowed in a transaction')
    const doc = docs[0]
    const id = doc._id === undefined ? generateId() : (doc._id as string | number)
    const body = { ...doc }
    delete body._id
    txs.write(p.transactionId, coll, id, api, (cur) => {
      if (cur !== null) throw duplicate(coll, id)
      return { op: { t: 'insert', body }, result: id }
    })
    return { data: { insertedIds: [id] } }
  }
  const ids = docs.map((d) => d._id).filter((id): id is string | number => id !== undefined)
  const insertedIds = await txs.plainWrite(coll, ids, () => Promise.all(docs.map((d) => engine.insert(coll, d, api))))
  return { data: { insertedIds } }
}

async function modify(engine: Engine, txs: Transactions, p: Params, now: number, inTx: boolean): Promise<Answer> {
  const api = p.merge === false ? 'document.set' : p.queryType === 'DOC' ? 'document.update' : 'collection.update'
  const coll = collectionOf(p, api)
  const query = decode(p, 'query', now)
  const data = decode(p, 'data', now)
  if (data === undefined) throw invalidParam(api, 'update data must be a non-empty object')
  const id = docId(query)
  const replace = p.merge === false
  const body = replace ? parseReplacement(data, api) : null
  if (body !== null && body._id !== undefined) throw invalidParam(api, '_id cannot be updated (不能更新_id的值)')
  const ops: FieldUpdate[] | null = replace ? null : parseUpdate(data, api)
  const upsert = p.upsert === true

  if (inTx) {
    if (id === null) throw invalidParam(api, 'only single-document operations are allowed in a transaction')
    return {
      data: txs.write(p.transactionId, coll, id, api, (cur): { op: TxOp | null; result: Answer } => {
        if (body !== null) {
          if (cur === null && !upsert) return { op: null, result: { updated: 0 } }
          return { op: { t: 'set', body }, result: cur === null ? { updated: 0, upsert_id: id } : { updated: 1 } }
        }
        if (cur === null) {
          if (!upsert) return { op: null, result: { updated: 0 } }
          const doc: SVObject = {}
          applyUpdate(doc, ops ?? [], api)
          return { op: { t: 'insert', body: doc }, result: { updated: 0, upsert_id: id } }
        }
        applyUpdate(cur, ops ?? [], api) // refuses $inc on a string and the like at the call, as the server does
        return { op: { t: 'update', ops: ops ?? [] }, result: { updated: 1 } }
      })
    }
  }

  if (id !== null) {
    return txs.plainWrite(coll, [id], async (): Promise<Answer> => {
      if (body !== null) {
        if (!upsert && engine.store.getRow(coll, id) === undefined) return { data: { updated: 0 } }
        const r = await engine.setDoc(coll, id, body, api)
        return { data: r.created === 1 ? { updated: 0, upsert_id: id } : { updated: r.updated } }
      }
      const updated = await engine.updateDoc(coll, id, ops ?? [], api)
      if (updated === 0 && upsert) {
        const doc: SVObject = { _id: id }
        applyUpdate(doc, ops ?? [], api)
        await engine.insert(coll, doc, api)
        return { data: { updated: 0, upsert_id: id } }
      }
      return { data: { updated } }
    })
  }
  if (body !== null) throw unsupported('replacing documents matched by a query (set() without doc())')
  const where: ParsedWhere = parseQuery(query, api)
  const limit = p.multi === false ? 1 : null
  const updated = await txs.plainWrite(coll, engine.matchIds(coll, where, limit, api), () => engine.updateWhere(coll, where, ops ?? [], api, limit))
  if (updated === 0 && upsert) throw unsupported('upsert on a query (where().update() with upsert)')
  return { data: { updated } }
}

function duplicate(coll: string, id: string | number): CloudDbError {
  const detail = `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(id)} } (DATABASE_DUPLICATE_WRITE)`
  return new CloudDbError(-501001, detail, 'DATABASE_DUPLICATE_WRITE', detail)
}
