/**
 * collection(name).doc(id): get / set / update / remove / field, with wx-server-sdk's result
 * shapes (`{ data }`, `{ _id, stats: { updated, created } }`, `{ stats: { updated } }`,
 * `{ stats: { removed } }`, each with `errMsg: 'document.<op>:ok'`).
 *
 * A missing document makes get() reject with errCode -1 "document.get:fail document with _id x
 * does not exist", unless the database was opened with `{ throwOnNotFound: false }`, in which case
 * it resolves `{ data: null }` (the option wx-server-sdk >= 1.7 offers).
 */
import { checkId, rowToUser, type DbContext } from './engine'
import { documentNotFound, invalidParam, unsupported } from './errors'
import { parseProjection, type Projection } from './projection'
import { parseUpdate } from './update'
import { encodeValue, isPlainObject, type SVObject } from './values'

export function dataOf(options: unknown, api: string): Record<string, unknown> {
  if (!isPlainObject(options) || !isPlainObject(options.data)) throw invalidParam(api, 'expected { data: { ... } }')
  return options.data
}

/** set() replaces the document; it may not carry _id or update operators (the SDK refuses both). */
export function encodeReplacement(data: Record<string, unknown>, api: string, now: number): SVObject {
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw invalidParam(api, '_id cannot be updated (不能更新_id的值)')
  return encodeValue(data, api, now) as SVObject
}

export class DocumentReference {
  readonly id: string | number

  constructor(
    private readonly ctx: DbContext,
    readonly collectionName: string,
    id: unknown,
    private readonly projection: Projection | null = null
  ) {
    this.id = checkId(id, 'collection.doc')
  }

  field(projection: Record<string, boolean>): DocumentReference {
    return new DocumentReference(this.ctx, this.collectionName, this.id, parseProjection(projection, 'document.field'))
  }

  /** `T` is the caller's claim about the record shape (unchecked, as the SDK's `any`). */
  async get<T = Record<string, unknown>>(): Promise<{ data: T | null; errMsg: string }> {
    const store = this.ctx.engine.store
    const row = store.readable(this.collectionName, 'document.get') ? store.getRow(this.collectionName, this.id) : undefined
    if (row === undefined) {
      if (this.ctx.throwOnNotFound) throw documentNotFound(this.id)
      return { data: null, errMsg: 'document.get:ok' }
    }
    return { data: rowToUser(row._id, row.data, this.projection) as T, errMsg: 'document.get:ok' }
  }

  async set(options: { data: Record<string, unknown> }): Promise<{ _id: string | number; stats: { updated: number; created: number }; errMsg: string }> {
    const body = encodeReplacement(dataOf(options, 'document.set'), 'document.set', Date.now())
    const stats = await this.ctx.engine.setDoc(this.collectionName, this.id, body, 'document.set')
    return { _id: this.id, stats, errMsg: 'document.set:ok' }
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const ops = parseUpdate(dataOf(options, 'document.update'), 'document.update', Date.now())
    const updated = await this.ctx.engine.updateDoc(this.collectionName, this.id, ops, 'document.update')
    return { stats: { updated }, errMsg: 'document.update:ok' }
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    const removed = await this.ctx.engine.removeDoc(this.collectionName, this.id, 'document.remove')
    return { stats: { removed }, errMsg: 'document.remove:ok' }
  }

  watch(): never {
    throw unsupported('document.watch (realtime listeners)')
  }
}
