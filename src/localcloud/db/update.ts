/**
 * Field operations ($set, $unset, $inc, $push; wire/mongo.ts reads them from the update the SDK
 * sends) applied to a stored document. Errors raised by the server (conflicting paths, $inc on a
 * string, creating a field under null) are reproduced with MongoDB's wording so the same bug fails
 * the same way locally.
 */
import { requestFailed } from './errors'
import { setField, unsetField } from './paths'
import { compareSV, isDateSV, isObjectSV, type SV, type SVObject } from './values'

export type FieldUpdate =
  | { t: 'set'; path: string; segs: string[]; v: SV }
  | { t: 'unset'; path: string; segs: string[] }
  | { t: 'inc'; path: string; segs: string[]; n: number }
  | { t: 'push'; path: string; segs: string[]; each: SV[]; position?: number; slice?: number; sort?: 1 | -1 | Record<string, 1 | -1> }

/** MongoDB refuses one update touching a path twice, or a path and its parent. */
export function checkPathConflicts(ops: FieldUpdate[], api: string): void {
  const paths = ops.map((o) => o.path).sort()
  for (let i = 1; i < paths.length; i++) {
    const a = paths[i - 1]
    const b = paths[i]
    if (a === b || b.startsWith(a + '.')) {
      throw requestFailed(api, `Updating the path '${b}' would create a conflict at '${a}'`)
    }
  }
}

export function cloneSV<T extends SV>(v: T): T {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) return v.map(cloneSV) as T
  const out: SVObject = {}
  for (const k of Object.keys(v)) out[k] = cloneSV(v[k])
  return out as T
}

function getPlain(doc: SVObject, segs: string[]): SV | undefined {
  let cur: SV | undefined = doc
  for (const s of segs) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(s) ? cur[Number(s)] : undefined
    else if (isObjectSV(cur) && !isDateSV(cur)) cur = cur[s]
    else return undefined
  }
  return cur
}

function typeName(v: SV): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (isDateSV(v)) return 'date'
  return typeof v === 'object' ? 'object' : typeof v
}

/** Applies the operations in place. Throws before writing anything if one of them is invalid. */
export function applyUpdate(doc: SVObject, ops: FieldUpdate[], api: string): void {
  for (const op of ops) {
    switch (op.t) {
      case 'set':
        setField(doc, op.segs, cloneSV(op.v), api)
        break
      case 'unset':
        unsetField(doc, op.segs)
        break
      case 'inc': {
        const cur = getPlain(doc, op.segs)
        if (cur !== undefined && typeof cur !== 'number') {
          throw requestFailed(api, `Cannot apply $inc to a value of non-numeric type. The field '${op.path}' is of type ${typeName(cur)}`)
        }
        setField(doc, op.segs, (cur ?? 0) + op.n, api)
        break
      }
      case 'push': {
        const cur = getPlain(doc, op.segs)
        if (cur !== undefined && !Array.isArray(cur)) {
          throw requestFailed(api, `The field '${op.path}' must be an array but is of type ${typeName(cur)}`)
        }
        const arr: SV[] = cur === undefined ? [] : cur.slice()
        const items = op.each.map((x) => cloneSV(x))
        const pos = op.position === undefined ? arr.length : op.position < 0 ? Math.max(0, arr.length + op.position) : Math.min(op.position, arr.length)
        arr.splice(pos, 0, ...items)
        if (op.sort !== undefined) sortArray(arr, op.sort)
        const out = op.slice === undefined ? arr : op.slice >= 0 ? arr.slice(0, op.slice) : arr.slice(op.slice)
        setField(doc, op.segs, out, api)
        break
      }
    }
  }
}

function sortArray(arr: SV[], spec: 1 | -1 | Record<string, 1 | -1>): void {
  if (typeof spec === 'number') {
    arr.sort((a, b) => compareSV(a, b) * spec)
    return
  }
  const keys = Object.keys(spec)
  arr.sort((a, b) => {
    for (const k of keys) {
      const segs = k.split('.')
      const c = compareSV(isObjectSV(a) ? getPlain(a, segs) : undefined, isObjectSV(b) ? getPlain(b, segs) : undefined)
      if (c !== 0) return c * spec[k]
    }
    return 0
  })
}
