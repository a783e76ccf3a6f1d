/**
 * Aggregation pipelines (wire/pipeline.ts reads them from the SDK's stages). Leading match stages
 * (and a following sort / skip / limit) run in SQL so indexes apply; a leading geoNear uses the
 * R*Tree; the remaining stages run in JS on stored values. Like the cloud, a pipeline without a
 * limit stage returns at most 20 records (community-verified: "云函数端聚合操作默认数据上限为20条").
 */
import { composeWindow, runStage, type LookupStage, type Stage } from './agg-stages'
import type { Engine } from './engine'
import { geoSearch } from './geo'
import { getField, setField } from './paths'
import type { Cond, ParsedWhere } from './cond'
import { orderTerm } from './query-sql'
import { cloneSV } from './update'
import type { SV, SVObject } from './values'

const API = 'collection.aggregate'
export const DEFAULT_AGGREGATE_LIMIT = 20

/**
 * Runs a pipeline: its SQL-able prefix (leading matches with a sort / skip / limit, or a leading
 * geoNear through the R*Tree) in SQLite, the remaining stages in JS. At most 20 results unless a
 * limit stage (or geoNear's own limit) says otherwise, as the cloud answers.
 */
export function runPipeline(engine: Engine, coll: string, stages: Stage[]): SVObject[] {
  const { docs: first, consumed } = source(engine, coll, stages)
  let docs = first
  for (const s of stages.slice(consumed)) docs = s.t === 'lookup' ? lookup(engine, s, docs) : runStage(s, docs)
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

/**
 * MongoDB's equality `$lookup`, a left outer join: each document gets, under `as`, the documents of `from`
 * whose `foreignField` equals its `localField` (any element when that is an array; a missing or null value, or an empty array,
 * joins documents whose field is missing or null, as MongoDB's lookup_equijoin_semantics tests pin), in the other collection's natural order.
 */
function lookup(engine: Engine, s: LookupStage, docs: SVObject[]): SVObject[] {
  return docs.map((d) => {
    const local = getField(d, s.localField)
    const values: SV[] = local === undefined ? [null] : Array.isArray(local) ? (local.length > 0 ? local : [null]) : [local]
    const where: ParsedWhere = { cond: { t: 'in', path: s.foreignField, not: false, vs: values }, geo: null }
    const out = cloneSV(d)
    setField(out, s.as, engine.scan(s.from, where, [], 0, null, API), API)
    return out
  })
}
