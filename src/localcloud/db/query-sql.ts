/**
 * Condition tree -> SQL. Each comparison is written as `json_extract(data,'$."f"') <op> ?`, or, for
 * an indexed field, as `"k:f" <op> ?` on the key column ensureIndexes() indexes (which always holds
 * that json_extract value), so SQLite can SEARCH instead of SCAN — plus a
 * json_type() guard that gives MongoDB type bracketing (json_extract alone would turn `true` into
 * 1 and objects into strings). Paths that have ever held an array in the collection (MongoDB's
 * multikey paths), array-position paths, and object/array operands are delegated to the JS
 * matcher through `lc_match(data, ?)`, trading index use for exact semantics.
 */
import { sqlExtract, sqlJsonPath, sqlType } from './paths'
import type { Cond, CmpOp } from './cond'
import { isDateSV, type SV } from './values'

export interface SqlFrag {
  sql: string
  params: unknown[]
}

type Multikey = (path: string) => boolean
/** The key column holding a field's json_extract value, when the collection has one. */
export type KeyColumnOf = (path: string) => string | null

const SQL_OP: Record<Exclude<CmpOp, 'eq' | 'neq'>, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' }

function kindOf(v: SV): 'null' | 'number' | 'string' | 'boolean' | 'date' | 'complex' {
  if (v === null) return 'null'
  if (typeof v === 'number') return 'number'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'boolean'
  return isDateSV(v) ? 'date' : 'complex'
}

const TYPE_GUARD = { number: "IN ('integer','real')", string: "= 'text'", date: "= 'object'" }

function bindable(v: SV): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (isDateSV(v)) return JSON.stringify(v) // json_extract renders a stored date object as this exact text
  return v
}

export function compileCond(c: Cond, multikey: Multikey, column: KeyColumnOf): SqlFrag {
  const params: unknown[] = []
  const sql = compile(c, multikey, column, params)
  return { sql, params }
}

function delegate(c: Cond, params: unknown[]): string {
  params.push(JSON.stringify(c))
  return 'lc_match(data, ?)'
}

function compile(c: Cond, mk: Multikey, column: KeyColumnOf, params: unknown[]): string {
  if (c.t === 'and' || c.t === 'or') {
    if (c.cs.length === 0) return c.t === 'and' ? '1' : '0'
    return '(' + c.cs.map((x) => compile(x, mk, column, params)).join(c.t === 'and' ? ' AND ' : ' OR ') + ')'
  }
  if (c.path === '_id') return compileId(c, params)
  const jp = sqlJsonPath(c.path.split('.'))
  if (jp === null || mk(c.path)) return delegate(c, params)
  const X = column(c.path) ?? sqlExtract(jp)
  const T = sqlType(jp)
  if (c.t === 'exists') return `${T} IS ${c.v ? 'NOT ' : ''}NULL`
  if (c.t === 'in') {
    const s = compileIn(c.vs, X, T, params)
    if (s === null) return delegate(c, params)
    return c.not ? `NOT IFNULL(${s}, 0)` : s
  }
  if (c.op === 'eq' || c.op === 'neq') {
    const s = compileEq(c.v, X, T, params)
    if (s === null) return delegate(c, params)
    return c.op === 'neq' ? `NOT IFNULL(${s}, 0)` : s
  }
  const op = SQL_OP[c.op]
  switch (kindOf(c.v)) {
    case 'null':
      return c.op === 'gte' || c.op === 'lte' ? `${X} IS NULL` : '0'
    case 'number':
    case 'string':
      params.push(c.v)
      return `(${T} ${TYPE_GUARD[kindOf(c.v) as 'number']} AND ${X} ${op} ?)`
    case 'boolean':
      params.push(bindable(c.v))
      return `(${T} IN ('true','false') AND ${X} ${op} ?)`
    case 'date':
      params.push((c.v as { $date: number }).$date)
      return `(${T} = 'object' AND ${sqlExtract(jp + '."$date"')} ${op} ?)`
    default:
      return delegate(c, params)
  }
}

function compileEq(v: SV, X: string, T: string, params: unknown[]): string | null {
  const k = kindOf(v)
  if (k === 'null') return `${X} IS NULL`
  if (k === 'complex') return null
  params.push(bindable(v))
  if (k === 'boolean') return `(${X} = ? AND ${T} = '${String(v)}')`
  return `(${X} = ? AND ${T} ${TYPE_GUARD[k]})`
}

function compileIn(vs: SV[], X: string, T: string, params: unknown[]): string | null {
  const groups: Record<'number' | 'string' | 'date', unknown[]> = { number: [], string: [], date: [] }
  const parts: string[] = []
  for (const v of vs) {
    const k = kindOf(v)
    if (k === 'complex') return null
    if (k === 'null') parts.push(`${X} IS NULL`)
    else if (k === 'boolean') parts.push(`(${X} = ${v ? 1 : 0} AND ${T} = '${String(v)}')`)
    else groups[k].push(bindable(v))
  }
  for (const k of ['number', 'string', 'date'] as const) {
    const g = groups[k]
    if (g.length === 0) continue
    params.push(...g)
    parts.push(`(${X} IN (${g.map(() => '?').join(',')}) AND ${T} ${TYPE_GUARD[k]})`)
  }
  if (parts.length === 0) return '0'
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`
}

/** _id is its own column (the primary key); it is always a string or a number, never missing. */
function compileId(c: Exclude<Cond, { t: 'and' } | { t: 'or' }>, params: unknown[]): string {
  const ok = (v: SV): v is string | number => typeof v === 'string' || typeof v === 'number'
  if (c.t === 'exists') return c.v ? '1' : '0'
  if (c.t === 'in') {
    const vs = c.vs.filter(ok)
    params.push(...vs)
    const s = vs.length === 0 ? '0' : `_id IN (${vs.map(() => '?').join(',')})`
    return c.not ? `NOT (${s})` : s
  }
  if (!ok(c.v)) return c.op === 'neq' ? '1' : '0'
  params.push(c.v)
  if (c.op === 'eq') return '_id = ?'
  if (c.op === 'neq') return '_id <> ?'
  const guard = typeof c.v === 'string' ? "= 'text'" : "IN ('integer','real')"
  return `(typeof(_id) ${guard} AND _id ${SQL_OP[c.op]} ?)`
}

/** ORDER BY term for a field: its key column when it has one, as the indexes use; null when unsortable in SQL. */
export function orderTerm(path: string, dir: 1 | -1, column: KeyColumnOf): string | null {
  if (path === '_id') return `_id ${dir === 1 ? 'ASC' : 'DESC'}`
  const jp = sqlJsonPath(path.split('.'))
  if (jp === null) return null
  return `${column(path) ?? sqlExtract(jp)} ${dir === 1 ? 'ASC' : 'DESC'}`
}
