/**
 * field({ a: true, b: false }) projections. MongoDB rules: a projection is either inclusive or
 * exclusive; `_id` is returned unless excluded explicitly, and is the only field that may be
 * excluded in an inclusive projection.
 */
import { invalidParam, requestFailed, unsupported } from './errors'
import { parsePath } from './paths'
import { isDateSV, isObjectSV, isPlainObject, type SV, type SVObject } from './values'

export interface Projection {
  include: boolean
  paths: string[][]
  keepId: boolean
}

export function parseProjection(spec: unknown, api: string): Projection | null {
  if (!isPlainObject(spec)) throw invalidParam(api, 'field() takes an object such as { name: true }')
  const inc: string[][] = []
  const exc: string[][] = []
  let keepId = true
  for (const key of Object.keys(spec)) {
    const v = spec[key]
    if (v === undefined) continue
    if (typeof v === 'object' && v !== null) throw unsupported(`field() projection operators (${key})`)
    const on = v === true || v === 1
    if (key === '_id') {
      keepId = on
      continue
    }
    ;(on ? inc : exc).push(parsePath(key, api))
  }
  if (inc.length > 0 && exc.length > 0) {
    throw requestFailed(api, `Cannot do exclusion on field ${exc[0].join('.')} in inclusion projection`)
  }
  if (inc.length === 0 && exc.length === 0 && keepId) return null
  return { include: inc.length > 0, paths: inc.length > 0 ? inc : exc, keepId }
}

function pick(src: SV | undefined, segs: string[], i: number, dst: SVObject): void {
  if (!isObjectSV(src) || isDateSV(src)) return
  const v = src[segs[i]]
  if (v === undefined) return
  if (i === segs.length - 1) {
    dst[segs[i]] = v
    return
  }
  const child = isObjectSV(dst[segs[i]]) ? (dst[segs[i]] as SVObject) : {}
  pick(v, segs, i + 1, child)
  if (Object.keys(child).length > 0) dst[segs[i]] = child
}

function drop(doc: SV | undefined, segs: string[], i: number): void {
  if (!isObjectSV(doc) || isDateSV(doc)) return
  if (i === segs.length - 1) delete doc[segs[i]]
  else drop(doc[segs[i]], segs, i + 1)
}

/** `doc` is owned by the caller (freshly parsed) and may be modified. */
export function applyProjection(doc: SVObject, p: Projection): SVObject {
  if (p.include) {
    const out: SVObject = {}
    if (p.keepId && doc._id !== undefined) out._id = doc._id
    for (const segs of p.paths) pick(doc, segs, 0, out)
    return out
  }
  for (const segs of p.paths) drop(doc, segs, 0)
  if (!p.keepId) delete doc._id
  return doc
}
