/**
 * What the SDK's serializers produce, read into the engine's forms: a MongoDB query
 * (`{ a: { $in: [..] }, 'b.c': { $gt: 1 }, $or: [..], loc: { $nearSphere: { $geometry, $maxDistance } } }`)
 * into a condition tree (db/query-parse.ts types), an update (`{ $set, $inc, $unset, $push }`) into
 * field operations (db/update.ts), `order` and `projection`. Values arrive already decoded from
 * EJSON (ejson.ts), so a date is `{ $date: ms }` and every other `$` key is an operator.
 *
 * Operators outside what the engine evaluates fail loudly, naming themselves, instead of matching
 * nothing.
 */
import { invalidParam, unsupported } from '../db/errors'
import { parsePath } from '../db/paths'
import { parseProjection, type Projection } from '../db/projection'
import { MATCH_ALL, type Cond, type CmpOp, type GeoNearSpec, type ParsedWhere } from '../db/cond'
import { checkPathConflicts, type FieldUpdate } from '../db/update'
import { checkFieldName, isDateSV, isObjectSV, type SV, type SVObject } from '../db/values'

const CMP: Record<string, CmpOp> = { $eq: 'eq', $ne: 'neq', $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' }

interface Ctx {
  api: string
  geo: GeoNearSpec | null
  allowGeo: boolean
}

export function parseQuery(q: SV | undefined, api: string, allowGeo = true): ParsedWhere {
  if (q === undefined || q === null) return { cond: MATCH_ALL, geo: null }
  if (!isObjectSV(q) || isDateSV(q)) throw invalidParam(api, 'query must be an object')
  const ctx: Ctx = { api, geo: null, allowGeo }
  return { cond: parseObject(q, ctx, true), geo: ctx.geo }
}

function and(cs: Cond[]): Cond {
  return cs.length === 1 ? cs[0] : { t: 'and', cs }
}

function parseObject(q: SVObject, ctx: Ctx, top: boolean): Cond {
  const parts: Cond[] = []
  for (const key of Object.keys(q)) {
    const v = q[key]
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(v) || v.length === 0) throw invalidParam(ctx.api, `${key} must be a non-empty array`)
      parts.push({
        t: key === '$and' ? 'and' : 'or',
        cs: v.map((x) => {
          if (!isObjectSV(x) || isDateSV(x)) throw invalidParam(ctx.api, `${key} takes query objects`)
          return parseObject(x, ctx, false)
        })
      })
      continue
    }
    if (key.startsWith('$')) throw unsupported(`query operator ${key}`)
    parsePath(key, ctx.api)
    parts.push(parseField(key, v, ctx, top))
  }
  return and(parts)
}

function isOperatorObject(v: SV): v is SVObject {
  if (!isObjectSV(v) || isDateSV(v)) return false
  const keys = Object.keys(v)
  if (keys.length === 0 || !keys[0].startsWith('$')) return false
  if (!keys.every((k) => k.startsWith('$'))) throw invalidParam('database', `a query value mixes operators and fields: ${JSON.stringify(keys)}`)
  return true
}

function parseField(path: string, v: SV, ctx: Ctx, top: boolean): Cond {
  if (!isOperatorObject(v)) return { t: 'cmp', path, op: 'eq', v }
  const parts: Cond[] = []
  for (const op of Object.keys(v)) {
    const x = v[op]
    if (op in CMP) parts.push({ t: 'cmp', path, op: CMP[op], v: x })
    else if (op === '$in' || op === '$nin') {
      if (!Array.isArray(x)) throw invalidParam(ctx.api, `${op} needs an array`)
      parts.push({ t: 'in', path, not: op === '$nin', vs: x })
    } else if (op === '$exists') parts.push({ t: 'exists', path, v: x !== false && x !== 0 && x !== null })
    else if (op === '$nearSphere' || op === '$near') {
      if (!top || !ctx.allowGeo) throw invalidParam(ctx.api, `${op} must be a top-level condition (not inside $and/$or, not in a match stage)`)
      if (ctx.geo !== null) throw invalidParam(ctx.api, `only one ${op} condition is allowed`)
      ctx.geo = geoSpec(path, x, ctx.api)
    } else throw unsupported(`query operator ${op}`)
  }
  return and(parts)
}

function distance(name: string, x: SV | undefined, api: string): number | undefined {
  if (x === undefined) return undefined
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw invalidParam(api, `${name} must be a non-negative number of metres`)
  return x
}

/** `{ $geometry: { type: 'Point', coordinates: [lng, lat] }, $maxDistance, $minDistance }` */
export function geoSpec(path: string, x: SV, api: string): GeoNearSpec {
  if (!isObjectSV(x)) throw invalidParam(api, '$nearSphere needs { $geometry }')
  const g = x.$geometry
  const c = isObjectSV(g) && g.type === 'Point' && Array.isArray(g.coordinates) ? g.coordinates : null
  if (c === null || c.length !== 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90) {
    throw invalidParam(api, '$geometry must be a GeoJSON Point with [longitude, latitude] in range')
  }
  return { path, lng: c[0], lat: c[1], maxDistance: distance('$maxDistance', x.$maxDistance, api), minDistance: distance('$minDistance', x.$minDistance, api) }
}

/** `{ x: -1, y: 1 }` (insertion order is the sort order) */
export function parseOrder(o: SV | undefined, api: string): Array<[string, 1 | -1]> {
  if (o === undefined || o === null) return []
  if (!isObjectSV(o)) throw invalidParam(api, 'order must be an object')
  return Object.keys(o).map((k): [string, 1 | -1] => {
    parsePath(k, api)
    if (o[k] !== 1 && o[k] !== -1) throw invalidParam(api, `order of ${k} must be 1 or -1`)
    return [k, o[k] as 1 | -1]
  })
}

export function parseProjectionSV(p: SV | undefined, api: string): Projection | null {
  if (p === undefined || p === null) return null
  if (!isObjectSV(p)) throw invalidParam(api, 'projection must be an object')
  return parseProjection(p, api)
}

/** A value that will be stored: no `$` or dotted field names at any depth (dates and points are values). */
export function checkStored(v: SV, api: string): void {
  if (Array.isArray(v)) {
    for (const x of v) checkStored(x, api)
    return
  }
  if (!isObjectSV(v) || isDateSV(v)) return
  for (const k of Object.keys(v)) {
    checkFieldName(k, api)
    checkStored(v[k], api)
  }
}

function int(name: string, x: SV | undefined, api: string): number | undefined {
  if (x === undefined) return undefined
  if (typeof x !== 'number' || !Number.isInteger(x)) throw invalidParam(api, `$push ${name} must be an integer`)
  return x
}

/** An operator update (`merge: true`) -> field operations, refused as MongoDB refuses conflicting paths. */
export function parseUpdate(data: SV, api: string): FieldUpdate[] {
  if (!isObjectSV(data) || isDateSV(data)) throw invalidParam(api, 'update data must be an object')
  const ops: FieldUpdate[] = []
  for (const op of Object.keys(data)) {
    const fields = data[op]
    if (!op.startsWith('$')) throw invalidParam(api, `update data must consist of operators, got field ${JSON.stringify(op)}`)
    if (!isObjectSV(fields) || isDateSV(fields)) throw invalidParam(api, `${op} takes an object`)
    for (const path of Object.keys(fields)) {
      const segs = parsePath(path, api)
      if (segs[0] === '_id') throw invalidParam(api, '_id cannot be updated (不能更新_id的值)')
      const v = fields[path]
      switch (op) {
        case '$set':
          checkStored(v, api)
          ops.push({ t: 'set', path, segs, v })
          break
        case '$unset':
          ops.push({ t: 'unset', path, segs })
          break
        case '$inc':
          if (typeof v !== 'number') throw invalidParam(api, `Cannot increment with non-numeric argument: {${path}: ${JSON.stringify(v)}}`)
          ops.push({ t: 'inc', path, segs, n: v })
          break
        case '$push': {
          if (isObjectSV(v) && !isDateSV(v) && Array.isArray(v.$each)) {
            checkStored(v.$each, api)
            const sort = v.$sort as 1 | -1 | Record<string, 1 | -1> | undefined
            ops.push({ t: 'push', path, segs, each: v.$each, position: int('$position', v.$position, api), slice: int('$slice', v.$slice, api), sort })
          } else {
            checkStored(v, api)
            ops.push({ t: 'push', path, segs, each: [v] })
          }
          break
        }
        default:
          throw unsupported(`update operator ${op}`)
      }
    }
  }
  if (ops.length === 0) throw invalidParam(api, 'update data must be a non-empty object')
  checkPathConflicts(ops, api)
  return ops
}

/** A replacement (`merge: false`, i.e. doc().set()) or an inserted document body. */
export function parseReplacement(data: SV, api: string): SVObject {
  if (!isObjectSV(data) || isDateSV(data)) throw invalidParam(api, 'document data must be an object')
  checkStored(data, api)
  return data
}
