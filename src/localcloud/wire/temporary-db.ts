/**
 * TEMPORARY — delete when the `sdk` branch (src/localcloud/wire/database.ts, db-seam.ts) is merged.
 *
 * Until then the platform branch needs the real SDK's database requests answered somehow: this adapter
 * translates the wire (`database.*` actions with EJSON payloads, as DBRequest.prototype.send receives
 * them) back into calls on the existing LocalDatabase API. It has the same two entry points as the sdk
 * branch's modules (`createDatabaseWire`, `installDatabaseWire`) so that the merge only swaps imports in
 * install.ts. It knows nothing about conflicts (the old engine never reports blind-increment conflicts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a throwaway translation layer over loosely typed wire data */
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { EJSON } from 'bson'
import type { LocalDatabase } from '../db'

type Send = (action: string, params: any) => Promise<any>

export function installDatabaseWire(send: Send): void {
  const sdkDir = path.dirname(require.resolve('wx-server-sdk'))
  const file = require.resolve('@cloudbase/node-sdk/lib/utils/dbRequest', { paths: [sdkDir] })
  const { DBRequest } = require(file) as { DBRequest: { prototype: { send: (a: string, p: unknown) => Promise<unknown> } } }
  DBRequest.prototype.send = (action: string, params: unknown) => send(action, params)
}

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

export function createDatabaseWire(local: LocalDatabase, _opts: { conflicts: boolean }) {
  const db = local.api()
  const _ = db.command as any
  const txs = new Map<string, any>()

  const value = (v: any): any => {
    if (Array.isArray(v)) return v.map(value)
    if (!isObj(v)) return v
    if (v.type === 'Point' && Array.isArray(v.coordinates)) return db.Geo.Point(v.coordinates[0], v.coordinates[1])
    if ('$tcb_server_date' in v) return db.serverDate({ offset: v.$tcb_server_date?.offset ?? 0 })
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)]))
  }
  const parse = (s: unknown): any => (typeof s === 'string' ? EJSON.parse(s, { relaxed: true }) : s)

  const fieldCommand = (ops: Record<string, any>): any => {
    const cs = Object.entries(ops).map(([op, arg]) => {
      switch (op) {
        case '$eq':
          return _.eq(value(arg))
        case '$ne':
          return _.neq(value(arg))
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte':
          return _[op.slice(1)](value(arg))
        case '$in':
          return _.in(value(arg))
        case '$nin':
          return _.nin(value(arg))
        case '$exists':
          return _.exists(arg)
        case '$nearSphere':
          return _.geoNear({ geometry: value(arg.$geometry), maxDistance: arg.$maxDistance, minDistance: arg.$minDistance })
        default:
          throw new Error(`temporary db adapter: query operator ${op} not translated`)
      }
    })
    return cs.length === 1 ? cs[0] : _.and(cs)
  }
  const query = (q: any): any => {
    if (!isObj(q)) return q
    const plain: Record<string, any> = {}
    const logic: any[] = []
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' || k === '$or') logic.push(_[k.slice(1)]((v as any[]).map(query)))
      else if (isObj(v) && Object.keys(v).length > 0 && Object.keys(v).every((x) => x.startsWith('$')) && !('$date' in v)) plain[k] = fieldCommand(v)
      else plain[k] = value(v)
    }
    if (logic.length === 0) return plain
    if (Object.keys(plain).length === 0 && logic.length === 1) return logic[0]
    return _.and([...(Object.keys(plain).length ? [plain] : []), ...logic])
  }
  const update = (u: any): any => {
    const out: Record<string, any> = {}
    for (const [op, fields] of Object.entries(u ?? {})) {
      for (const [k, v] of Object.entries(fields as Record<string, any>)) {
        if (op === '$set') out[k] = isObj(v) && !(v.type === 'Point') && !('$tcb_server_date' in v) ? _.set(value(v)) : value(v)
        else if (op === '$inc') out[k] = _.inc(v)
        else if (op === '$unset') out[k] = _.remove()
        else if (op === '$push') out[k] = _.push(value(isObj(v) && '$each' in v ? v.$each : [v]))
        else throw new Error(`temporary db adapter: update operator ${op} not translated`)
      }
    }
    return out
  }
  const encode = (doc: any): string => {
    const walk = (v: any): any => {
      if (v instanceof Date) return v
      if (Array.isArray(v)) return v.map(walk)
      if (v && typeof v === 'object') {
        if (typeof v.toJSON === 'function') return v.toJSON()
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
      }
      return v
    }
    return EJSON.stringify(walk(doc), { relaxed: true })
  }
  const docId = (p: any): any => parse(p.query)?._id

  async function run(action: string, p: any): Promise<any> {
    const tx = p?.transactionId ? txs.get(p.transactionId) : null
    if (p?.transactionId && !tx) return { code: 'DATABASE_TRANSACTION_FAIL', message: 'Transaction does not exist on the server' }
    const coll = p?.collectionName
    switch (action) {
      case 'database.startTransaction': {
        const id = randomBytes(8).toString('hex')
        txs.set(id, await db.startTransaction())
        return { transactionId: id }
      }
      case 'database.commitTransaction':
        await tx.commit()
        txs.delete(p.transactionId)
        return {}
      case 'database.abortTransaction':
        await tx.rollback()
        txs.delete(p.transactionId)
        return {}
      case 'database.getDocument': {
        if (tx) {
          try {
            const r = await tx.collection(coll).doc(docId(p)).get()
            return { data: { list: [encode(r.data)] } }
          } catch (e: any) {
            if (e?.code === 'DOCUMENT_NOT_FOUND') return { data: { list: [] } }
            throw e
          }
        }
        let q: any = db.collection(coll).where(query(parse(p.query) ?? {}))
        for (const [f, d] of Object.entries(parse(p.order) ?? {})) q = q.orderBy(f, d === -1 ? 'desc' : 'asc')
        if (p.offset) q = q.skip(p.offset)
        if (p.limit) q = q.limit(p.limit)
        if (p.projection) q = q.field(Object.fromEntries(Object.entries(parse(p.projection)).map(([k, v]) => [k, !!v])))
        const r = await q.get()
        return { data: { list: r.data.map(encode) } }
      }
      case 'database.calculateDocument':
        return {
          data: {
            total: (
              await db
                .collection(coll)
                .where(query(parse(p.query) ?? {}))
                .count()
            ).total
          }
        }
      case 'database.insertDocument': {
        const ids: unknown[] = []
        for (const s of p.data as string[]) {
          const data = value(parse(s))
          const r = tx ? await tx.collection(coll).add({ data }) : await db.collection(coll).add({ data })
          ids.push(r._id)
        }
        return { data: { insertedIds: ids } }
      }
      case 'database.modifyDocument': {
        const data = p.merge === false ? value(parse(p.data)) : update(parse(p.data))
        if (p.queryType === 'DOC') {
          const ref = tx ? tx.collection(coll).doc(docId(p)) : db.collection(coll).doc(docId(p))
          if (p.merge === false) {
            const r = await ref.set({ data })
            return { data: { updated: r.stats?.updated ?? 0, upsert_id: r.stats?.created ? docId(p) : null } }
          }
          const r = await ref.update({ data })
          return { data: { updated: r.stats.updated } }
        }
        const r = await db
          .collection(coll)
          .where(query(parse(p.query) ?? {}))
          .update({ data })
        return { data: { updated: r.stats.updated } }
      }
      case 'database.removeDocument': {
        if (p.queryType === 'DOC') {
          const ref = tx ? tx.collection(coll).doc(docId(p)) : db.collection(coll).doc(docId(p))
          return { data: { deleted: (await ref.remove()).stats.removed } }
        }
        return {
          data: {
            deleted: (
              await db
                .collection(coll)
                .where(query(parse(p.query) ?? {}))
                .remove()
            ).stats.removed
          }
        }
      }
      case 'database.aggregateDocuments': {
        let a: any = db.collection(coll).aggregate()
        for (const { stageKey, stageValue } of p.stages as Array<{ stageKey: string; stageValue: string }>) {
          const name = stageKey.slice(1)
          let arg = parse(stageValue)
          if (name === 'match') arg = query(arg)
          else if (name === 'geoNear') arg = { ...arg, near: value(arg.near), query: arg.query ? query(arg.query) : undefined }
          a = a[name](arg)
        }
        const r = await a.end()
        return { data: { list: r.list.map(encode) } }
      }
      default:
        return { code: 'INVALID_PARAM', message: `unknown action ${action}` }
    }
  }

  return {
    async send(action: string, params: any): Promise<any> {
      try {
        return { requestId: 'local', ...(await run(action, params)) }
      } catch (e: any) {
        return { requestId: 'local', code: e?.code ?? 'SYS_ERR', message: String(e?.errMsg ?? e?.message ?? e) }
      }
    },
    setConflicts(_on: boolean): void {}
  }
}
