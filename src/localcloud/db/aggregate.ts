/**
 * collection.aggregate(): a stage builder ending in end() -> { list }. Leading match stages (and a
 * following sort / skip / limit) run in SQL so indexes apply; a leading geoNear uses the R*Tree;
 * the remaining stages run in JS on stored values. Like the cloud, a pipeline without a limit
 * stage returns at most 20 records (community-verified: "云函数端聚合操作默认数据上限为20条").
 */
import { fieldRef, makeAccumulator } from './agg-expr'
import { composeWindow, runStage, type Stage } from './agg-stages'
import { checkGeoNearOptions, strict } from './commands'
import type { DbContext, Engine } from './engine'
import { invalidParam } from './errors'
import { geoSearch } from './geo'
import { getField, parsePath, setField } from './paths'
import { parseWhere, type Cond, type ParsedWhere } from './query-parse'
import { orderTerm } from './query-sql'
import { cloneSV } from './update'
import { decodeValue, isPlainObject, type SVObject } from './values'

const API = 'collection.aggregate'
export const DEFAULT_AGGREGATE_LIMIT = 20

function posInt(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < (name === 'skip' ? 0 : 1)) throw invalidParam(API, `${name} must be a positive integer`)
  return n
}

export class Aggregate {
  private readonly stages: Stage[] = []

  constructor(
    private readonly ctx: DbContext,
    readonly collectionName: string
  ) {
    // unknown stages (lookup, bucket, sample, ...) throw naming themselves
    return strict(this, 'Aggregate')
  }

  match(query: unknown): this {
    const w = parseWhere(query, API)
    if (w.geo !== null) throw invalidParam(API, 'geoNear is not allowed in match; use the geoNear stage')
    return this.push({ t: 'match', w })
  }

  group(spec: Record<string, unknown>): this {
    if (!isPlainObject(spec) || !('_id' in spec)) throw invalidParam(API, 'group requires an _id expression')
    for (const k of Object.keys(spec)) {
      if (k === '_id') continue
      const acc = spec[k]
      if (!isPlainObject(acc) || Object.keys(acc).length !== 1) throw invalidParam(API, `group field ${k} must be an accumulator such as $.sum(...)`)
      makeAccumulator(Object.keys(acc)[0], null)
    }
    return this.push({ t: 'group', spec })
  }

  sort(spec: Record<string, 1 | -1>): this {
    if (!isPlainObject(spec)) throw invalidParam(API, 'sort takes { field: 1 | -1 }')
    const keys = Object.keys(spec).map((k): [string, 1 | -1] => {
      parsePath(k, API)
      if (spec[k] !== 1 && spec[k] !== -1) throw invalidParam(API, `sort direction of ${k} must be 1 or -1`)
      return [k, spec[k]]
    })
    return this.push({ t: 'sort', keys })
  }

  skip(n: number): this {
    return this.push({ t: 'skip', n: posInt('skip', n) })
  }

  limit(n: number): this {
    return this.push({ t: 'limit', n: posInt('limit', n) })
  }

  project(spec: Record<string, unknown>): this {
    if (!isPlainObject(spec)) throw invalidParam(API, 'project takes an object')
    return this.push({ t: 'project', spec })
  }

  addFields(spec: Record<string, unknown>): this {
    if (!isPlainObject(spec)) throw invalidParam(API, 'addFields takes an object')
    return this.push({ t: 'addFields', spec })
  }

  count(field: string): this {
    if (typeof field !== 'string' || field === '' || field.startsWith('$') || field.includes('.')) throw invalidParam(API, 'count takes a field name')
    return this.push({ t: 'count', field })
  }

  unwind(spec: string | { path: string; includeArrayIndex?: string; preserveNullAndEmptyArrays?: boolean }): this {
    const o = typeof spec === 'string' ? { path: spec } : spec
    if (typeof o?.path !== 'string' || !o.path.startsWith('$')) throw invalidParam(API, "unwind takes '$field' or { path: '$field' }")
    return this.push({ t: 'unwind', path: fieldRef(o.path), preserve: o.preserveNullAndEmptyArrays === true, indexField: o.includeArrayIndex ?? null })
  }

  geoNear(options: Record<string, unknown>): this {
    if (this.stages.length > 0) throw invalidParam(API, 'geoNear must be the first stage of the pipeline')
    const o = checkGeoNearOptions(API, { ...options, geometry: options.near })
    if (options.spherical !== true) throw invalidParam(API, 'geoNear requires spherical: true')
    if (typeof options.distanceField !== 'string') throw invalidParam(API, 'geoNear requires distanceField')
    const key = typeof options.key === 'string' ? options.key : undefined
    const fields = this.ctx.engine.store.geoIndexes(this.collectionName).map((g) => g.field)
    if (key === undefined && fields.length > 1) throw invalidParam(API, 'geoNear: several geo indexes exist; give key')
    const path = key ?? fields[0] ?? '(none)'
    const query = options.query === undefined ? null : parseWhere(options.query, API)
    return this.push({
      t: 'geoNear',
      spec: { path, lng: o.geometry.longitude, lat: o.geometry.latitude, maxDistance: o.maxDistance, minDistance: o.minDistance },
      query,
      distanceField: parsePath(options.distanceField, API),
      multiplier: typeof options.distanceMultiplier === 'number' ? options.distanceMultiplier : 1,
      includeLocs: typeof options.includeLocs === 'string' ? parsePath(options.includeLocs, API) : null,
      limit: options.limit === undefined ? null : posInt('limit', options.limit)
    })
  }

  private push(s: Stage): this {
    this.stages.push(s)
    return this
  }

  async end<T = Record<string, unknown>>(): Promise<{ list: T[]; errMsg: string }> {
    const docs = runPipeline(this.ctx.engine, this.collectionName, this.stages)
    return { list: docs.map(decodeValue) as T[], errMsg: 'collection.aggregate:ok' }
  }
}

/**
 * Runs a pipeline: its SQL-able prefix (leading matches with a sort / skip / limit, or a leading
 * geoNear through the R*Tree) in SQLite, the remaining stages in JS. At most 20 results unless a
 * limit stage (or geoNear's own limit) says otherwise, as the cloud answers.
 */
export function runPipeline(engine: Engine, coll: string, stages: Stage[]): SVObject[] {
  const { docs: first, consumed } = source(engine, coll, stages)
  let docs = first
  for (const s of stages.slice(consumed)) docs = runStage(s, docs)
  if (!stages.some((s) => s.t === 'limit' || (s.t === 'geoNear' && s.limit !== null))) docs = docs.slice(0, DEFAULT_AGGREGATE_LIMIT)
  return docs
}

/** Runs the SQL-able prefix of the pipeline and says how many stages it covered. */
function source(engine: Engine, coll: string, st: Stage[]): { docs: SVObject[]; consumed: number } {
  let i = 0
  if (st[0]?.t === 'geoNear') {
    const g = st[0]
    const window = composeWindow(st, 1)
    const k = window.count === null ? g.limit : Math.min(window.skip + window.count, g.limit ?? Infinity)
    const frag = engine.compile(coll, g.query)
    const hits = geoSearch(engine.store, coll, g.spec, frag, k, API)
    const docs = hits.map((h) => ({ _id: h.doc._id, ...h.doc.body }) as SVObject)
    docs.forEach((d, j) => {
      setField(d, g.distanceField, hits[j].dist * g.multiplier, API)
      if (g.includeLocs !== null) setField(d, g.includeLocs, cloneSV(getField(d, g.spec.path.split('.')) ?? null), API)
    })
    return { docs, consumed: 1 }
  }
  const conds: Cond[] = []
  while (st[i]?.t === 'match') conds.push((st[i++] as { w: ParsedWhere }).w.cond)
  let order: Array<[string, 1 | -1]> = []
  const s = st[i]
  if (s?.t === 'sort' && s.keys.every(([p, d]) => orderTerm(p, d, () => null) !== null)) {
    order = s.keys
    i++
  }
  const window = composeWindow(st, i)
  const where: ParsedWhere = { cond: { t: 'and', cs: conds }, geo: null }
  return { docs: engine.scan(coll, where, order, window.skip, window.count, API), consumed: window.next }
}
