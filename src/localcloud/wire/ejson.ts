/**
 * The Extended JSON the real SDK sends (`EJSON.stringify(x, { relaxed: false })` in
 * `@cloudbase/database`) and the strings it parses back (`EJSON.parse`, relaxed). Decoded here
 * without the `bson` package (a transitive dependency we do not pin): numbers arrive as
 * `{ $numberInt }`, `{ $numberDouble }`, `{ $numberLong }`, dates as `{ $date: { $numberLong } }`,
 * `db.serverDate()` as `{ $tcb_server_date: { offset } }`; geo points are plain GeoJSON.
 *
 * Two targets: stored values (SV, where a date is `{ $date: ms }`, see db/values.ts) for queries,
 * updates and documents; and plain JS values (Date objects) for aggregation expressions, which
 * db/agg-expr.ts reads as a function's literals.
 */
import { invalidParam, unsupported } from '../db/errors'
import type { SV, SVObject } from '../db/values'

const API = 'database'

function number(v: unknown, kind: string): number {
  if (typeof v !== 'string') throw invalidParam(API, `${kind} must hold a string`)
  if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') throw invalidParam(API, `number ${v} cannot be stored`)
  const n = Number(v)
  if (!Number.isFinite(n)) throw invalidParam(API, `bad ${kind} ${JSON.stringify(v)}`)
  return n
}

function dateMs(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string') {
    const ms = Date.parse(v)
    if (!Number.isFinite(ms)) throw invalidParam(API, `bad $date ${JSON.stringify(v)}`)
    return ms
  }
  if (typeof v === 'object' && v !== null && typeof (v as { $numberLong?: unknown }).$numberLong === 'string') {
    return number((v as { $numberLong: string }).$numberLong, '$numberLong')
  }
  throw invalidParam(API, 'bad $date value')
}

/** A one-key `$` wrapper the SDK produces, decoded; undefined when `o` is an ordinary object or operator. */
function special(o: Record<string, unknown>, keys: string[], now: number): { v: SV } | undefined {
  if (keys.length !== 1) return undefined
  const k = keys[0]
  const x = o[k]
  switch (k) {
    case '$numberInt':
    case '$numberDouble':
    case '$numberLong':
    case '$numberDecimal':
      return { v: number(x, k) }
    case '$date':
      return { v: { $date: dateMs(x) } }
    case '$tcb_server_date': {
      const off = (x as { offset?: unknown } | null)?.offset
      const offset = off === undefined ? 0 : toSV(off, now)
      if (typeof offset !== 'number') throw invalidParam(API, 'serverDate offset must be a number')
      return { v: { $date: now + offset } }
    }
    case '$regularExpression':
    case '$regex':
      throw unsupported('RegExp queries (db.RegExp)')
    case '$oid':
    case '$binary':
    case '$symbol':
    case '$timestamp':
    case '$minKey':
    case '$maxKey':
    case '$undefined':
    case '$dbPointer':
    case '$code':
      throw unsupported(`Extended JSON type ${k}`)
    default:
      return undefined
  }
}

/**
 * EJSON value -> stored value. `$`-keyed objects other than the wrappers above are kept as they are
 * (they are operators: the query and update translators read them).
 */
export function toSV(v: unknown, now: number): SV {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalidParam(API, `number ${String(v)} cannot be stored`)
    return v
  }
  if (Array.isArray(v)) return v.map((x) => toSV(x, now))
  if (typeof v !== 'object') throw invalidParam(API, `a value of type ${typeof v} cannot be stored`)
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  const s = special(o, keys, now)
  if (s !== undefined) return s.v
  const out: SVObject = {}
  for (const k of keys) out[k] = toSV(o[k], now)
  return out
}

/** EJSON value -> JS value (dates become Date objects): aggregation stage arguments. */
export function toJS(v: unknown, now: number): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => toJS(x, now))
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  const s = special(o, keys, now)
  if (s !== undefined) {
    const d = s.v as { $date?: number }
    return typeof s.v === 'object' && s.v !== null && typeof d.$date === 'number' ? new Date(d.$date) : s.v
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = toJS(o[k], now)
  return out
}

/** Parses one EJSON string the SDK sent. */
export function parseEJSON(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw invalidParam(API, `${what} must be an EJSON string`)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw invalidParam(API, `${what} is not valid JSON`)
  }
}

const DATE_IN_JSON = /\{"\$date":(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\}/g

/**
 * A stored document as the EJSON string the SDK parses: dates as `{ $date: { $numberLong } }`,
 * everything else as plain JSON (EJSON.parse keeps plain numbers as numbers). Stored documents never
 * hold `$` field names (they are refused on write), so `{"$date":n}` in the text is always a date.
 */
export function docToEJSON(id: string | number, dataJson: string): string {
  const body = dataJson === '{}' ? '' : ',' + dataJson.slice(1, -1)
  const text = `{"_id":${JSON.stringify(id)}${body}}`
  return text.includes('"$date"') ? text.replace(DATE_IN_JSON, (_m, ms: string) => `{"$date":{"$numberLong":"${String(Math.trunc(Number(ms)))}"}}`) : text
}

/** Any stored value (say, an aggregation result) as an EJSON string. */
export function svToEJSON(v: SV): string {
  const text = JSON.stringify(v)
  return text.includes('"$date"') ? text.replace(DATE_IN_JSON, (_m, ms: string) => `{"$date":{"$numberLong":"${String(Math.trunc(Number(ms)))}"}}`) : text
}
