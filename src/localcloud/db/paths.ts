/**
 * Dot paths ('a.b.c'): validation, the SQLite JSON path used for both indexes and queries (one
 * generator, so the planner sees identical expressions), and MongoDB's path semantics in JS —
 * fan-out through arrays for matching, and the errors MongoDB raises when an update would have to
 * create a field inside a non-object ("Cannot create field 'b' in element {a: null}").
 */
import { invalidParam, requestFailed } from './errors'
import { isDateSV, isObjectSV, type SV, type SVObject } from './values'

export function parsePath(path: string, api: string): string[] {
  if (typeof path !== 'string' || path === '') throw invalidParam(api, 'field path must be a non-empty string')
  const segs = path.split('.')
  for (const s of segs) {
    if (s === '' || s.startsWith('$') || s === '__proto__') {
      throw invalidParam(api, `invalid field path ${JSON.stringify(path)}: empty segment or "$" operator in a path`)
    }
  }
  return segs
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what a field name may not hold
const SAFE_SEGMENT = /^[^"'\\\u0000-\u001f.]+$/
const NUMERIC = /^\d+$/

/** SQLite JSON path ('$."a"."b"'), or null when the path needs JS semantics (array positions, odd names). */
export function sqlJsonPath(segs: string[]): string | null {
  for (const s of segs) if (!SAFE_SEGMENT.test(s) || NUMERIC.test(s)) return null
  return '$.' + segs.map((s) => `"${s}"`).join('.')
}

/** The exact SQL text an index and a query both use for a field. */
export function sqlExtract(jsonPath: string): string {
  return `json_extract(data,'${jsonPath}')`
}

export function sqlType(jsonPath: string): string {
  return `json_type(data,'${jsonPath}')`
}

/** Candidate values for matching: arrays are traversed, and a leaf array offers itself and its elements. */
export function matchValues(doc: SV | undefined, segs: string[]): Array<SV | undefined> {
  const out: Array<SV | undefined> = []
  collect(doc, segs, 0, out)
  return out
}

function collect(v: SV | undefined, segs: string[], i: number, out: Array<SV | undefined>): void {
  if (i === segs.length) {
    out.push(v)
    if (Array.isArray(v)) for (const el of v) out.push(el)
    return
  }
  const seg = segs[i]
  if (Array.isArray(v)) {
    const before = out.length
    if (NUMERIC.test(seg)) collect(v[Number(seg)], segs, i + 1, out)
    for (const el of v) if (isObjectSV(el) && !isDateSV(el)) collect(el[seg], segs, i + 1, out)
    if (out.length === before) out.push(undefined)
    return
  }
  if (isObjectSV(v) && !isDateSV(v)) collect(v[seg], segs, i + 1, out)
  else out.push(undefined)
}

/** Value at a path as aggregation sees it: through an array of objects it yields the array of values. */
export function getField(v: SV | undefined, segs: string[], i = 0): SV | undefined {
  if (i === segs.length) return v
  const seg = segs[i]
  if (Array.isArray(v)) {
    if (NUMERIC.test(seg)) return getField(v[Number(seg)], segs, i + 1)
    const vals: SV[] = []
    for (const el of v) {
      if (!isObjectSV(el) && !Array.isArray(el)) continue
      const x = getField(el, segs, i)
      if (x !== undefined) vals.push(x)
    }
    return vals
  }
  if (isObjectSV(v) && !isDateSV(v)) return getField(v[seg], segs, i + 1)
  return undefined
}

function describe(seg: string, v: SV): string {
  return `{${seg}: ${JSON.stringify(v)}}`
}

/** $set semantics: intermediate objects are created, arrays are indexed (padding with null). */
export function setField(doc: SVObject, segs: string[], value: SV, api: string): void {
  let cur: SVObject | SV[] = doc
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]
    const last = i === segs.length - 1
    if (Array.isArray(cur)) {
      if (!NUMERIC.test(seg)) throw requestFailed(api, `Cannot create field '${seg}' in element ${describe(segs[i - 1], cur)}`)
      const idx = Number(seg)
      while (cur.length < idx) cur.push(null)
      if (last) {
        cur[idx] = value
        return
      }
      if (cur[idx] === undefined) cur[idx] = {}
    } else if (last) {
      cur[seg] = value
      return
    } else if (cur[seg] === undefined) {
      cur[seg] = {}
    }
    const next: SV = Array.isArray(cur) ? cur[Number(seg)] : cur[seg]
    if (next === null || typeof next !== 'object' || isDateSV(next)) {
      throw requestFailed(api, `Cannot create field '${segs[i + 1]}' in element ${describe(seg, next)}`)
    }
    cur = next
  }
}

/** $unset semantics: a missing path is a no-op; an array element becomes null rather than shifting. */
export function unsetField(doc: SVObject, segs: string[]): void {
  let cur: SV | undefined = doc
  for (let i = 0; i < segs.length - 1; i++) {
    if (Array.isArray(cur)) cur = NUMERIC.test(segs[i]) ? cur[Number(segs[i])] : undefined
    else if (isObjectSV(cur) && !isDateSV(cur)) cur = cur[segs[i]]
    else return
  }
  const seg = segs[segs.length - 1]
  if (Array.isArray(cur)) {
    if (NUMERIC.test(seg) && Number(seg) < cur.length) cur[Number(seg)] = null
  } else if (isObjectSV(cur) && !isDateSV(cur)) {
    delete cur[seg]
  }
}

/** Every dotted path at which this document holds an array (MongoDB's "multikey" paths). */
export function arrayPaths(doc: SVObject, out: Set<string>): void {
  walkObject(doc, '', out)
}

function walk(v: SV, prefix: string, out: Set<string>): void {
  if (Array.isArray(v)) {
    out.add(prefix)
    for (const el of v) if (typeof el === 'object' && el !== null) walk(el, prefix, out)
  } else if (isObjectSV(v) && !isDateSV(v)) {
    walkObject(v, prefix, out)
  }
}

function walkObject(o: SVObject, prefix: string, out: Set<string>): void {
  for (const k of Object.keys(o)) {
    const v = o[k]
    if (typeof v === 'object' && v !== null) walk(v, prefix === '' ? k : `${prefix}.${k}`, out)
  }
}
