/**
 * `database.aggregateDocuments` stages as the SDK sends them (`[{ stageKey: '$match', stageValue:
 * '<EJSON>' }, ...]`) -> the engine's stages (db/agg-stages.ts). Stages the engine does not run
 * (`$lookup` with let / pipeline, `$bucket`, `$sample`, ...) fail naming themselves.
 */
import { makeAccumulator, fieldRef } from '../db/agg-expr'
import type { Stage } from '../db/agg-stages'
import type { Engine } from '../db/engine'
import { invalidParam, unsupported } from '../db/errors'
import { parsePath } from '../db/paths'
import { isPlainObject, isObjectSV } from '../db/values'
import { parseEJSON, toJS, toSV } from './ejson'
import { geoSpec, parseQuery } from './mongo'

const API = 'collection.aggregate'

function posInt(name: string, n: unknown, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) throw invalidParam(API, `${name} must be an integer >= ${min}`)
  return n
}

function object(name: string, v: unknown): Record<string, unknown> {
  if (!isPlainObject(v)) throw invalidParam(API, `${name} takes an object`)
  return v
}

export function parseStages(raw: unknown, engine: Engine, coll: string, now: number): Stage[] {
  if (!Array.isArray(raw)) throw invalidParam(API, 'stages must be an array')
  return raw.map((entry, i): Stage => {
    const { stageKey, stageValue } = (entry ?? {}) as { stageKey?: unknown; stageValue?: unknown }
    const v = parseEJSON(stageValue, `stage ${String(stageKey)}`)
    switch (stageKey) {
      case '$match':
        return { t: 'match', w: parseQuery(toSV(v, now), API, false) }
      case '$group': {
        const spec = object('$group', toJS(v, now))
        if (!('_id' in spec)) throw invalidParam(API, 'group requires an _id expression')
        for (const k of Object.keys(spec)) {
          if (k === '_id') continue
          const acc = spec[k]
          if (!isPlainObject(acc) || Object.keys(acc).length !== 1) throw invalidParam(API, `group field ${k} must be an accumulator such as $.sum(...)`)
          makeAccumulator(Object.keys(acc)[0], null)
        }
        return { t: 'group', spec }
      }
      case '$sort': {
        const spec = toSV(v, now)
        if (!isObjectSV(spec)) throw invalidParam(API, 'sort takes { field: 1 | -1 }')
        return {
          t: 'sort',
          keys: Object.keys(spec).map((k): [string, 1 | -1] => {
            parsePath(k, API)
            if (spec[k] !== 1 && spec[k] !== -1) throw invalidParam(API, `sort direction of ${k} must be 1 or -1`)
            return [k, spec[k] as 1 | -1]
          })
        }
      }
      case '$skip':
        return { t: 'skip', n: posInt('skip', toSV(v, now), 0) }
      case '$limit':
        return { t: 'limit', n: posInt('limit', toSV(v, now), 1) }
      case '$project':
      case '$addFields':
        return { t: stageKey === '$project' ? 'project' : 'addFields', spec: object(stageKey, toJS(v, now)) }
      case '$count': {
        if (typeof v !== 'string' || v === '' || v.startsWith('$') || v.includes('.')) throw invalidParam(API, 'count takes a field name')
        return { t: 'count', field: v }
      }
      case '$unwind': {
        const o = (typeof v === 'string' ? { path: v } : v) as { path?: unknown; includeArrayIndex?: unknown; preserveNullAndEmptyArrays?: unknown }
        if (typeof o?.path !== 'string' || !o.path.startsWith('$')) throw invalidParam(API, "unwind takes '$field' or { path: '$field' }")
        return {
          t: 'unwind',
          path: fieldRef(o.path),
          preserve: o.preserveNullAndEmptyArrays === true,
          indexField: typeof o.includeArrayIndex === 'string' ? o.includeArrayIndex : null
        }
      }
      case '$geoNear': {
        if (i !== 0) throw invalidParam(API, 'geoNear must be the first stage of the pipeline')
        const o = toSV(v, now)
        if (!isObjectSV(o)) throw invalidParam(API, 'geoNear takes an object')
        if (o.spherical !== true) throw invalidParam(API, 'geoNear requires spherical: true')
        if (typeof o.distanceField !== 'string') throw invalidParam(API, 'geoNear requires distanceField')
        const key = typeof o.key === 'string' ? o.key : undefined
        const fields = engine.store.geoIndexes(coll).map((g) => g.field)
        if (key === undefined && fields.length > 1) throw invalidParam(API, 'geoNear: several geo indexes exist; give key')
        const path = key ?? fields[0] ?? '(none)'
        const spec = geoSpec(path, { $geometry: o.near ?? null, $maxDistance: o.maxDistance, $minDistance: o.minDistance }, API)
        return {
          t: 'geoNear',
          spec,
          query: o.query === undefined ? null : parseQuery(o.query, API, false),
          distanceField: parsePath(o.distanceField, API),
          multiplier: typeof o.distanceMultiplier === 'number' ? o.distanceMultiplier : 1,
          includeLocs: typeof o.includeLocs === 'string' ? parsePath(o.includeLocs, API) : null,
          limit: o.limit === undefined ? null : posInt('limit', o.limit, 1)
        }
      }
      case '$lookup': {
        const o = object('$lookup', toJS(v, now))
        // The equality form only: the let / pipeline form (a sub-pipeline per document) is not emulated.
        if ('pipeline' in o || 'let' in o) throw unsupported('aggregate stage $lookup with let / pipeline')
        for (const k of ['from', 'localField', 'foreignField', 'as'])
          if (typeof o[k] !== 'string' || o[k] === '') throw invalidParam(API, `lookup requires ${k} (a field or collection name)`)
        return {
          t: 'lookup',
          from: o.from as string,
          localField: parsePath(o.localField as string, API),
          foreignField: o.foreignField as string,
          as: parsePath(o.as as string, API)
        }
      }
      default:
        throw unsupported(`aggregate stage ${String(stageKey)}`)
    }
  })
}
