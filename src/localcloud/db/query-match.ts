/**
 * Condition evaluation in JS, with MongoDB semantics: comparisons only match values of the same
 * type bracket (a number never satisfies `_.gt('a')`, `true` is not 1), `null` matches missing
 * fields, and a path through an array matches if any element does. Used for aggregation stages
 * after the first, and — through the SQL function `lc_match` — for paths that hold arrays, where
 * plain json_extract() comparisons would be wrong.
 */
import { parsePath, matchValues } from './paths'
import type { Cond } from './cond'
import { compareSV, equalSV, typeRank, type SV, type SVObject } from './values'

const segCache = new Map<string, string[]>()

function segsOf(path: string): string[] {
  let s = segCache.get(path)
  if (s === undefined) {
    s = parsePath(path, 'query')
    if (segCache.size > 5000) segCache.clear()
    segCache.set(path, s)
  }
  return s
}

function eqAny(cands: Array<SV | undefined>, v: SV): boolean {
  if (v === null) return cands.some((c) => c === undefined || c === null)
  return cands.some((c) => c !== undefined && equalSV(c, v))
}

function cmpAny(cands: Array<SV | undefined>, op: 'gt' | 'gte' | 'lt' | 'lte', v: SV): boolean {
  if (v === null) return op === 'gte' || op === 'lte' ? eqAny(cands, null) : false
  const rank = typeRank(v)
  return cands.some((c) => {
    if (c === undefined || typeRank(c) !== rank) return false
    const r = compareSV(c, v)
    return op === 'gt' ? r > 0 : op === 'gte' ? r >= 0 : op === 'lt' ? r < 0 : r <= 0
  })
}

export function matches(doc: SVObject, c: Cond): boolean {
  switch (c.t) {
    case 'and':
      return c.cs.every((x) => matches(doc, x))
    case 'or':
      return c.cs.some((x) => matches(doc, x))
    case 'exists': {
      const present = matchValues(doc, segsOf(c.path)).some((x) => x !== undefined)
      return present === c.v
    }
    case 'in': {
      const cands = matchValues(doc, segsOf(c.path))
      const hit = c.vs.some((v) => eqAny(cands, v))
      return c.not ? !hit : hit
    }
    case 'cmp': {
      const cands = matchValues(doc, segsOf(c.path))
      switch (c.op) {
        case 'eq':
          return eqAny(cands, c.v)
        case 'neq':
          return !eqAny(cands, c.v)
        default:
          return cmpAny(cands, c.op, c.v)
      }
    }
  }
}

const condCache = new Map<string, Cond>()

/** Backs the SQL function lc_match(data, condJson). */
export function matchesJson(dataJson: string, condJson: string): boolean {
  let cond = condCache.get(condJson)
  if (cond === undefined) {
    cond = JSON.parse(condJson) as Cond
    if (condCache.size > 1000) condCache.clear()
    condCache.set(condJson, cond)
  }
  return matches(JSON.parse(dataJson) as SVObject, cond)
}
