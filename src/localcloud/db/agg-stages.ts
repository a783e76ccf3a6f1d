/**
 * The aggregation stages that run in JS (everything after the SQL-able prefix), on stored values:
 * match, sort (stable), skip, limit, group, project (inclusion / exclusion / computed), addFields,
 * count and unwind, with MongoDB's rules for each.
 */
import { evalExpr, makeAccumulator, type Accumulator } from './agg-expr'
import { invalidParam } from './errors'
import { getField, parsePath, setField, unsetField } from './paths'
import type { GeoNearSpec, ParsedWhere } from './cond'
import { matches } from './query-match'
import { cloneSV } from './update'
import { compareSV, type SV, type SVObject } from './values'

const API = 'collection.aggregate'

export interface GeoStage {
  t: 'geoNear'
  spec: GeoNearSpec
  query: ParsedWhere | null
  distanceField: string[]
  multiplier: number
  includeLocs: string[] | null
  limit: number | null
}

export type Stage =
  | { t: 'match'; w: ParsedWhere }
  | { t: 'group'; spec: Record<string, unknown> }
  | { t: 'sort'; keys: Array<[string, 1 | -1]> }
  | { t: 'skip' | 'limit'; n: number }
  | { t: 'project' | 'addFields'; spec: Record<string, unknown> }
  | { t: 'count'; field: string }
  | { t: 'unwind'; path: string[]; preserve: boolean; indexField: string | null }
  | LookupStage
  | GeoStage

/** `$lookup` in its equality form (from / localField / foreignField / as): runs in aggregate.ts, which reads the other collection. */
export interface LookupStage {
  t: 'lookup'
  from: string
  localField: string[]
  foreignField: string
  as: string[]
}

/** Folds consecutive skip/limit stages starting at `from` into one (skip, count) window. */
export function composeWindow(st: Stage[], from: number): { skip: number; count: number | null; next: number } {
  let skip = 0
  let count: number | null = null
  let i = from
  for (; i < st.length; i++) {
    const s = st[i]
    if (s.t === 'skip') {
      skip += s.n
      if (count !== null) count = Math.max(0, count - s.n)
    } else if (s.t === 'limit') {
      count = count === null ? s.n : Math.min(count, s.n)
    } else break
  }
  return { skip, count, next: i }
}

export function runStage(s: Stage, docs: SVObject[]): SVObject[] {
  switch (s.t) {
    case 'match':
      return docs.filter((d) => matches(d, s.w.cond))
    case 'skip':
      return docs.slice(s.n)
    case 'limit':
      return docs.slice(0, s.n)
    case 'sort': {
      const keys = s.keys.map(([p, d]) => [p.split('.'), d] as const)
      return docs
        .map((d, i) => ({ d, i }))
        .sort((a, b) => {
          for (const [segs, dir] of keys) {
            const c = compareSV(getField(a.d, segs), getField(b.d, segs))
            if (c !== 0) return c * dir
          }
          return a.i - b.i
        })
        .map((x) => x.d)
    }
    case 'group':
      return group(s.spec, docs)
    case 'project':
      return docs.map((d) => project(s.spec, d))
    case 'addFields':
      return docs.map((d) => {
        const out = cloneSV(d)
        for (const k of Object.keys(s.spec)) {
          const v = evalExpr(s.spec[k], d)
          if (v !== undefined) setField(out, parsePath(k, API), v, API)
        }
        return out
      })
    case 'count':
      return docs.length === 0 ? [] : [{ [s.field]: docs.length }]
    case 'unwind':
      return docs.flatMap((d) => unwind(s, d))
    case 'geoNear':
      throw invalidParam(API, 'geoNear must be the first stage of the pipeline')
    case 'lookup':
      throw invalidParam(API, 'lookup runs in runPipeline, which has the engine')
  }
}

function group(spec: Record<string, unknown>, docs: SVObject[]): SVObject[] {
  const groups = new Map<string, { id: SV; accs: Array<[string, Accumulator]> }>()
  const fields = Object.keys(spec).filter((k) => k !== '_id')
  for (const d of docs) {
    const id = evalExpr(spec._id, d) ?? null
    const key = JSON.stringify(id)
    let g = groups.get(key)
    if (g === undefined) {
      g = {
        id,
        accs: fields.map((f) => {
          const acc = spec[f] as Record<string, unknown>
          const op = Object.keys(acc)[0]
          return [f, makeAccumulator(op, acc[op])]
        })
      }
      groups.set(key, g)
    }
    for (const [, acc] of g.accs) acc.add(d)
  }
  return [...groups.values()].map((g) => {
    const out: SVObject = { _id: g.id }
    for (const [f, acc] of g.accs) out[f] = acc.result()
    return out
  })
}

function project(spec: Record<string, unknown>, d: SVObject): SVObject {
  const keys = Object.keys(spec)
  const isFlag = (v: unknown): boolean => v === 0 || v === 1 || typeof v === 'boolean'
  const excl = keys.filter((k) => spec[k] === 0 || spec[k] === false)
  const rest = keys.filter((k) => k !== '_id' && !(spec[k] === 0 || spec[k] === false))
  if (excl.some((k) => k !== '_id') && rest.length > 0) throw invalidParam(API, `Cannot do inclusion on field ${rest[0]} in exclusion projection`)
  if (rest.length === 0) {
    const out = cloneSV(d)
    for (const k of excl) unsetField(out, parsePath(k, API))
    return out
  }
  const out: SVObject = {}
  if (!excl.includes('_id') && d._id !== undefined) out._id = d._id
  for (const k of keys) {
    if (k === '_id' && isFlag(spec[k])) continue
    const segs = parsePath(k, API)
    const v = isFlag(spec[k]) ? getField(d, segs) : evalExpr(spec[k], d)
    if (v !== undefined) setField(out, segs, cloneSV(v), API)
  }
  return out
}

function unwind(s: { path: string[]; preserve: boolean; indexField: string | null }, d: SVObject): SVObject[] {
  const v = getField(d, s.path)
  if (Array.isArray(v) && v.length > 0) {
    return v.map((el, i) => {
      const out = cloneSV(d)
      setField(out, s.path, cloneSV(el), API)
      if (s.indexField !== null) setField(out, parsePath(s.indexField, API), i, API)
      return out
    })
  }
  if (v !== undefined && v !== null && !Array.isArray(v)) {
    const out = cloneSV(d)
    if (s.indexField !== null) setField(out, parsePath(s.indexField, API), null, API)
    return [out]
  }
  if (!s.preserve) return []
  const out = cloneSV(d)
  if (Array.isArray(v)) unsetField(out, s.path)
  if (s.indexField !== null) setField(out, parsePath(s.indexField, API), null, API)
  return [out]
}
