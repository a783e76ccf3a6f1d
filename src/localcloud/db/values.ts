/**
 * Stored values ("SV"): the JSON that lives in SQLite. A Date is `{"$date": ms}` and a geo point
 * is a GeoJSON Point. Because field names starting with `$` are refused on write (as MongoDB
 * refuses them), an object whose only key is `$date` can only be a date we wrote, never a client
 * forging one. Everything internal (matching, updates, aggregation) works on SVs; the wire reads
 * them from the SDK's EJSON (wire/ejson.ts), and `encodeValue` converts JS values (bulkInsert,
 * aggregation literals).
 */
import { invalidParam, unsupported } from './errors'

export type SV = null | boolean | number | string | SV[] | SVObject
export interface SVObject {
  [key: string]: SV
}
export interface DateSV {
  $date: number
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export function isDateSV(v: SV | undefined): v is SVObject & DateSV {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const keys = Object.keys(v)
  return keys.length === 1 && keys[0] === '$date' && typeof v.$date === 'number'
}

export function isObjectSV(v: SV | undefined): v is SVObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A field name a document may carry; `$`-prefixed and dotted names would be read as operators/paths. */
export function checkFieldName(key: string, api: string): void {
  if (key === '' || key.startsWith('$') || key.includes('.') || key === '__proto__' || key.includes('\u0000')) {
    throw invalidParam(api, `invalid field name ${JSON.stringify(key)}: field names must be non-empty and may not start with "$" or contain "."`)
  }
}

/** User value -> SV, validating as the server would. `now` resolves db.serverDate(). */
export function encodeValue(v: unknown, api: string, now: number): SV {
  if (v === null) return null
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v
    case 'number':
      if (!Number.isFinite(v)) throw invalidParam(api, `number ${String(v)} cannot be stored`)
      return v
    case 'undefined':
      return null
    case 'object':
      break
    default:
      throw invalidParam(api, `a value of type ${typeof v} cannot be stored`)
  }
  if (v instanceof Date) {
    const ms = v.getTime()
    if (!Number.isFinite(ms)) throw invalidParam(api, 'Invalid Date cannot be stored')
    return { $date: ms }
  }
  const special = v as { longitude?: unknown; latitude?: unknown; offset?: unknown; constructor?: { name?: string } }
  if (typeof special.longitude === 'number' && typeof special.latitude === 'number') {
    // the SDK's db.Geo.Point (bulkInsert is given documents built with the real SDK's helpers)
    return { type: 'Point', coordinates: [special.longitude, special.latitude] }
  }
  if (special.constructor?.name === 'ServerDate' && typeof special.offset === 'number') return { $date: now + special.offset }
  if (v instanceof RegExp) throw unsupported('RegExp values')
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, api, now))
  if (!isPlainObject(v)) throw invalidParam(api, `objects of class ${v.constructor?.name ?? 'unknown'} cannot be stored`)
  const out: SVObject = {}
  for (const key of Object.keys(v)) {
    const x = v[key]
    if (x === undefined) continue // dropped, as JSON serialisation in the real SDK drops it
    checkFieldName(key, api)
    out[key] = encodeValue(x, api, now)
  }
  return out
}

/** BSON comparison order: missing/null < numbers < strings < objects < arrays < booleans < dates. */
export function typeRank(v: SV | undefined): number {
  if (v === undefined || v === null) return 1
  switch (typeof v) {
    case 'number':
      return 2
    case 'string':
      return 3
    case 'boolean':
      return 8
    default:
      if (Array.isArray(v)) return 5
      return isDateSV(v) ? 9 : 4
  }
}

/** Code-point order, i.e. the UTF-8 byte order MongoDB and SQLite (BINARY) use; JS `<` orders UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800
    return x < y ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

export function compareSV(a: SV | undefined, b: SV | undefined): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  switch (ra) {
    case 1:
      return 0
    case 2:
      return (a as number) === (b as number) ? 0 : (a as number) < (b as number) ? -1 : 1
    case 3:
      return compareStrings(a as string, b as string)
    case 8:
      return a === b ? 0 : a ? 1 : -1
    case 9: {
      const x = (a as unknown as DateSV).$date
      const y = (b as unknown as DateSV).$date
      return x === y ? 0 : x < y ? -1 : 1
    }
    case 5: {
      const x = a as SV[]
      const y = b as SV[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareSV(x[i], y[i])
        if (c !== 0) return c
      }
      return x.length === y.length ? 0 : x.length < y.length ? -1 : 1
    }
    default: {
      const x = a as SVObject
      const y = b as SVObject
      const kx = Object.keys(x)
      const ky = Object.keys(y)
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        // BSON order: field type, then field name, then value
        const tx = typeRank(x[kx[i]])
        const ty = typeRank(y[ky[i]])
        if (tx !== ty) return tx < ty ? -1 : 1
        const c = compareStrings(kx[i], ky[i]) || compareSV(x[kx[i]], y[ky[i]])
        if (c !== 0) return c
      }
      return kx.length === ky.length ? 0 : kx.length < ky.length ? -1 : 1
    }
  }
}

/** Equality as MongoDB applies it: numbers by value, objects field-by-field in order. */
export function equalSV(a: SV | undefined, b: SV | undefined): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return compareSV(a, b) === 0 && typeRank(a) === typeRank(b)
}
