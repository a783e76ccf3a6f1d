/**
 * Aggregation expressions and $group accumulators over stored values. Here `$`-keys are operators
 * by design (`$.sum('$x')` builds `{ $sum: '$x' }`, as in the SDK); an operator outside the
 * implemented set throws naming it. `undefined` stands for a missing field.
 */
import { formatDate } from './date-format'
import { invalidParam, requestFailed, unsupported } from './errors'
import { getField, parsePath } from './paths'
import { compareSV, encodeValue, equalSV, isDateSV, isPlainObject, type SV, type SVObject } from './values'

const API = 'collection.aggregate'

export function fieldRef(s: string): string[] {
  return parsePath(s.slice(1), API)
}

export function truthy(v: SV | undefined): boolean {
  return !(v === undefined || v === null || v === false || v === 0)
}

function num(op: string, v: SV | undefined): number | null {
  if (v === undefined || v === null) return null
  if (typeof v === 'number') return v
  if (isDateSV(v)) return v.$date
  throw requestFailed(API, `${op} only supports numeric or date types, not ${JSON.stringify(v)}`)
}

function args(op: string, v: unknown, n?: number): unknown[] {
  const a = Array.isArray(v) ? v : [v]
  if (n !== undefined && a.length !== n) throw requestFailed(API, `Expression ${op} takes exactly ${n} arguments`)
  return a
}

export function evalExpr(e: unknown, doc: SVObject): SV | undefined {
  if (typeof e === 'string') {
    if (e === '$$ROOT' || e === '$$CURRENT') return doc
    if (e.startsWith('$$')) throw unsupported(`aggregation variable ${e}`)
    return e.startsWith('$') ? getField(doc, fieldRef(e)) : e
  }
  if (e === undefined) return undefined
  if (Array.isArray(e)) return e.map((x) => evalExpr(x, doc) ?? null)
  if (isPlainObject(e)) {
    const keys = Object.keys(e)
    if (keys.length === 1 && keys[0].startsWith('$')) return evalOperator(keys[0], e[keys[0]], doc)
    const out: SVObject = {}
    for (const k of keys) {
      if (k.startsWith('$')) throw requestFailed(API, `an expression object may hold only one operator, got ${JSON.stringify(keys)}`)
      const v = evalExpr(e[k], doc)
      if (v !== undefined) out[k] = v
    }
    return out
  }
  return encodeValue(e, API, Date.now())
}

function evalOperator(op: string, arg: unknown, doc: SVObject): SV | undefined {
  const ev = (x: unknown): SV | undefined => evalExpr(x, doc)
  const cmp = (): number => {
    const [a, b] = args(op, arg, 2).map(ev)
    return compareSV(a, b)
  }
  switch (op) {
    case '$literal':
      return encodeValue(arg, API, Date.now())
    case '$add': {
      let total = 0
      let date = false
      for (const x of args(op, arg).map(ev)) {
        const n = num(op, x)
        if (n === null) return null
        if (isDateSV(x as SV)) date = true
        total += n
      }
      return date ? { $date: total } : total
    }
    case '$subtract': {
      const [a, b] = args(op, arg, 2).map(ev)
      const x = num(op, a)
      const y = num(op, b)
      if (x === null || y === null) return null
      return isDateSV(a as SV) && !isDateSV(b as SV) ? { $date: x - y } : x - y
    }
    case '$multiply': {
      let p = 1
      for (const x of args(op, arg).map(ev)) {
        const n = num(op, x)
        if (n === null) return null
        p *= n
      }
      return p
    }
    case '$divide':
    case '$mod': {
      const [x, y] = args(op, arg, 2).map((a) => num(op, ev(a)))
      if (x === null || y === null) return null
      if (y === 0) throw requestFailed(API, `can't ${op.slice(1)} by zero`)
      return op === '$divide' ? x / y : x % y
    }
    case '$abs':
    case '$floor':
    case '$ceil': {
      const x = num(op, ev(Array.isArray(arg) ? arg[0] : arg))
      if (x === null) return null
      return op === '$abs' ? Math.abs(x) : op === '$floor' ? Math.floor(x) : Math.ceil(x)
    }
    case '$cond': {
      const [c, t, f] = isPlainObject(arg) ? [arg.if, arg.then, arg.else] : args(op, arg, 3)
      return truthy(ev(c)) ? ev(t) : ev(f)
    }
    case '$ifNull': {
      const [a, b] = args(op, arg, 2)
      const v = ev(a)
      return v === undefined || v === null ? ev(b) : v
    }
    case '$eq':
      return cmp() === 0
    case '$ne':
    case '$neq':
      return cmp() !== 0
    case '$gt':
      return cmp() > 0
    case '$gte':
      return cmp() >= 0
    case '$lt':
      return cmp() < 0
    case '$lte':
      return cmp() <= 0
    case '$and':
      return args(op, arg).every((x) => truthy(ev(x)))
    case '$or':
      return args(op, arg).some((x) => truthy(ev(x)))
    case '$not':
      return !truthy(ev(args(op, arg, 1)[0]))
    case '$in': {
      const [x, arr] = args(op, arg, 2).map(ev)
      if (!Array.isArray(arr)) throw requestFailed(API, '$in requires an array as a second argument')
      return arr.some((y) => equalSV(x ?? null, y) || (x === undefined && y === null))
    }
    case '$concat': {
      let s = ''
      for (const x of args(op, arg).map(ev)) {
        if (x === undefined || x === null) return null
        if (typeof x !== 'string') throw requestFailed(API, '$concat only supports strings')
        s += x
      }
      return s
    }
    case '$size': {
      const v = ev(Array.isArray(arg) ? arg[0] : arg)
      if (!Array.isArray(v)) throw requestFailed(API, 'The argument to $size must be an array')
      return v.length
    }
    case '$toLower':
    case '$toUpper': {
      const v = ev(Array.isArray(arg) ? arg[0] : arg)
      const s = v === undefined || v === null ? '' : String(v)
      return op === '$toLower' ? s.toLowerCase() : s.toUpperCase()
    }
    case '$dateToString': {
      if (!isPlainObject(arg)) throw invalidParam(API, '$dateToString takes { date, format, timezone, onNull }')
      const d = ev(arg.date)
      if (d === undefined || d === null) return arg.onNull === undefined ? null : ev(arg.onNull)
      if (!isDateSV(d)) throw requestFailed(API, `can't convert from BSON type ${typeof d} to Date`)
      const tz = arg.timezone === undefined ? undefined : ev(arg.timezone)
      const fmt = arg.format === undefined ? undefined : ev(arg.format)
      return formatDate(d.$date, typeof fmt === 'string' ? fmt : undefined, typeof tz === 'string' ? tz : undefined)
    }
    case '$sum':
    case '$avg':
    case '$min':
    case '$max': {
      const values = Array.isArray(arg) ? arg.map(ev) : ((v) => (Array.isArray(v) ? v : [v]))(ev(arg))
      const acc = makeAccumulator(op, '$$ignored')
      for (const v of values) acc.addValue(v)
      return acc.result()
    }
    default:
      throw unsupported(`aggregate operator ${op}`)
  }
}

export interface Accumulator {
  add(doc: SVObject): void
  addValue(v: SV | undefined): void
  result(): SV
}

export function makeAccumulator(op: string, expr: unknown): Accumulator {
  const values: SV[] = []
  let sum = 0
  let n = 0
  let best: SV | undefined
  let first: SV | undefined
  let last: SV | undefined
  let seen = false
  const self: Accumulator = {
    add: (doc) => self.addValue(evalExpr(expr, doc)),
    addValue(v) {
      switch (op) {
        case '$sum':
        case '$avg':
          if (typeof v === 'number') {
            sum += v
            n++
          }
          return
        case '$min':
        case '$max':
          if (v === undefined || v === null) return
          if (best === undefined || (op === '$min' ? compareSV(v, best) < 0 : compareSV(v, best) > 0)) best = v
          return
        case '$first':
          if (!seen) first = v ?? null
          seen = true
          return
        case '$last':
          last = v ?? null
          seen = true
          return
        case '$push':
          if (v !== undefined) values.push(v)
          return
        case '$addToSet':
          if (v !== undefined && !values.some((x) => equalSV(x, v))) values.push(v)
          return
        default:
          throw unsupported(`$group accumulator ${op}`)
      }
    },
    result() {
      switch (op) {
        case '$sum':
          return sum
        case '$avg':
          return n === 0 ? null : sum / n
        case '$min':
        case '$max':
          return best ?? null
        case '$first':
          return first ?? null
        case '$last':
          return last ?? null
        default:
          return values
      }
    }
  }
  if (!['$sum', '$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet'].includes(op)) throw unsupported(`$group accumulator ${op}`)
  return self
}
