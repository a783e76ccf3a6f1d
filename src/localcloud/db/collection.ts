/**
 * collection(name) and the immutable query builder (where / orderBy / skip / limit / field), with
 * the SDK's validation and caps: get() without limit() returns at most 100 records, limit() above
 * 1000 is clamped to 1000 (the SDK does `limit < 1000 ? limit : 1000`, it does not throw), and
 * limit(0) means "no limit given", i.e. 100. update()/remove() act on every match; skip, limit and
 * orderBy do not apply to them (the SDK only warns), and we warn the same way.
 */
import { Aggregate } from './aggregate'
import { DocumentReference, dataOf } from './document'
import { EMPTY_QUERY, type DbContext, type QueryState } from './engine'
import { invalidParam, unsupported } from './errors'
import { parseProjection } from './projection'
import { parsePath } from './paths'
import { parseWhere } from './query-parse'
import { parseUpdate } from './update'
import { encodeValue, isPlainObject, type SVObject } from './values'

function checkInt(api: string, name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalidParam(api, `${name} must be a non-negative integer`)
  return n
}

export class Query {
  constructor(
    protected readonly ctx: DbContext,
    readonly collectionName: string,
    protected readonly state: QueryState = EMPTY_QUERY
  ) {}

  protected with(patch: Partial<QueryState>): Query {
    return new Query(this.ctx, this.collectionName, { ...this.state, ...patch })
  }

  /** Replaces any earlier where(), as the SDK does. */
  where(query: unknown): Query {
    return this.with({ where: parseWhere(query, 'collection.where') })
  }

  orderBy(field: string, direction: 'asc' | 'desc'): Query {
    parsePath(field, 'collection.orderBy')
    if (direction !== 'asc' && direction !== 'desc') throw invalidParam('collection.orderBy', 'direction must be "asc" or "desc"')
    // the SDK keeps orders in an object keyed by field: ordering a field again replaces it in place
    const order = this.state.order.filter(([f]) => f !== field)
    const at = this.state.order.findIndex(([f]) => f === field)
    const entry: [string, 1 | -1] = [field, direction === 'desc' ? -1 : 1]
    if (at === -1) order.push(entry)
    else order.splice(at, 0, entry)
    return this.with({ order })
  }

  skip(n: number): Query {
    return this.with({ skip: checkInt('collection.skip', 'skip', n) })
  }

  limit(n: number): Query {
    return this.with({ limit: checkInt('collection.limit', 'limit', n) })
  }

  field(projection: Record<string, boolean>): Query {
    return this.with({ projection: parseProjection(projection, 'collection.field') })
  }

  /** `T` is the caller's claim about the record shape (unchecked, as the SDK's `any`). */
  async get<T = Record<string, unknown>>(): Promise<{ data: T[]; errMsg: string }> {
    return { data: this.ctx.engine.find(this.collectionName, this.state, 'collection.get') as T[], errMsg: 'collection.get:ok' }
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    return { total: this.ctx.engine.count(this.collectionName, this.state.where, 'collection.count'), errMsg: 'collection.count:ok' }
  }

  private warnIgnored(api: string): void {
    const s = this.state
    if (s.skip !== 0 || s.limit !== null || s.order.length > 0 || s.projection !== null) {
      console.warn(`${api}: skip/limit/orderBy/field are not supported by update()/remove() and are ignored; every matching record is affected`)
    }
  }

  async update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number }; errMsg: string }> {
    const ops = parseUpdate(dataOf(options, 'collection.update'), 'collection.update', Date.now())
    this.warnIgnored('collection.update')
    const updated = await this.ctx.engine.updateWhere(this.collectionName, this.state.where, ops, 'collection.update')
    return { stats: { updated }, errMsg: 'collection.update:ok' }
  }

  async remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    this.warnIgnored('collection.remove')
    const removed = await this.ctx.engine.removeWhere(this.collectionName, this.state.where, 'collection.remove')
    return { stats: { removed }, errMsg: 'collection.remove:ok' }
  }

  watch(): never {
    throw unsupported('collection.watch (realtime listeners)')
  }

  /** Local-only: the SQLite query plan get() would use (tests assert index use with it). */
  explain(): string[] {
    return this.ctx.engine.explain(this.collectionName, this.state)
  }
}

export class CollectionReference extends Query {
  constructor(ctx: DbContext, name: string) {
    super(ctx, name)
  }

  doc(id: string | number): DocumentReference {
    return new DocumentReference(this.ctx, this.collectionName, id)
  }

  async add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number; errMsg: string }> {
    if (isPlainObject(options) && Array.isArray(options.data)) throw unsupported('collection.add with an array (batch add)')
    const doc = encodeValue(dataOf(options, 'collection.add'), 'collection.add', Date.now()) as SVObject
    const _id = await this.ctx.engine.insert(this.collectionName, doc, 'collection.add')
    return { _id, errMsg: 'collection.add:ok' }
  }

  aggregate(): Aggregate {
    return new Aggregate(this.ctx, this.collectionName)
  }
}
