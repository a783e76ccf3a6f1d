/**
 * where(query) -> condition tree. Follows the SDK's encoding rules: nested plain objects flatten
 * to dot paths (`{ a: { b: 1 } }` is `{ 'a.b': 1 }`), undefined values are dropped, commands
 * attach to the path they sit under, and `_.or`/`_.and` work at top level and at field level.
 *
 * Security: operators come only from db.command objects. A `$`-prefixed key anywhere in the query
 * (`{ $where: .. }`, `{ name: { $ne: null } }`, `{ 'a.$gt': 1 }`) is refused, so hostile client
 * input copied into a query can never become an operator.
 */
import { LogicCommand, QueryCommand, UpdateCommand, checkGeoNearOptions } from './commands'
import { invalidParam, unsupported } from './errors'
import { parsePath } from './paths'
import { encodeValue, isPlainObject, type SV } from './values'

export type CmpOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'

export type Cond =
  | { t: 'cmp'; path: string; op: CmpOp; v: SV }
  | { t: 'in'; path: string; not: boolean; vs: SV[] }
  | { t: 'exists'; path: string; v: boolean }
  | { t: 'and'; cs: Cond[] }
  | { t: 'or'; cs: Cond[] }

export interface GeoNearSpec {
  path: string
  lng: number
  lat: number
  maxDistance?: number
  minDistance?: number
}

export interface ParsedWhere {
  cond: Cond
  geo: GeoNearSpec | null
}

interface Ctx {
  api: string
  now: number
  geo: GeoNearSpec | null
}

export const MATCH_ALL: Cond = { t: 'and', cs: [] }

export function parseWhere(query: unknown, api: string, now = Date.now()): ParsedWhere {
  const ctx: Ctx = { api, now, geo: null }
  let cond: Cond
  if (query instanceof LogicCommand) {
    cond = parseTopLogic(query, ctx)
  } else if (isPlainObject(query)) {
    const keys = Object.keys(query)
    if (keys.length > 0 && keys.every((k) => query[k] === undefined)) {
      // the SDK refuses a query whose every value is undefined rather than matching everything
      throw invalidParam(api, 'query values cannot all be undefined')
    }
    cond = parseObject(query, '', ctx, true)
  } else {
    throw invalidParam(api, 'query must be an object')
  }
  return { cond, geo: ctx.geo }
}

function and(cs: Cond[]): Cond {
  return cs.length === 1 ? cs[0] : { t: 'and', cs }
}

function parseTopLogic(cmd: LogicCommand, ctx: Ctx): Cond {
  if (cmd.operands.length === 0) throw invalidParam(ctx.api, `db.command.${cmd.op} needs at least one condition`)
  const cs = cmd.operands.map((o) => {
    if (o instanceof LogicCommand) return parseTopLogic(o, ctx)
    if (isPlainObject(o)) return parseObject(o, '', ctx, false)
    throw invalidParam(ctx.api, `top-level db.command.${cmd.op} takes query objects`)
  })
  return { t: cmd.op, cs }
}

function parseObject(obj: Record<string, unknown>, prefix: string, ctx: Ctx, top: boolean): Cond {
  const parts: Cond[] = []
  for (const key of Object.keys(obj)) {
    if (key.startsWith('$')) {
      throw invalidParam(ctx.api, `operator-like key ${JSON.stringify(key)} in a query is refused; use db.command operators`)
    }
    const path = prefix === '' ? key : `${prefix}.${key}`
    parsePath(path, ctx.api)
    const c = parseValue(path, obj[key], ctx, top)
    if (c !== null) parts.push(c)
  }
  return and(parts)
}

function parseValue(path: string, v: unknown, ctx: Ctx, top: boolean): Cond | null {
  if (v === undefined) return null
  if (v instanceof QueryCommand) return parseCommand(path, v, ctx, top)
  if (v instanceof LogicCommand) {
    if (v.operands.length === 0) throw invalidParam(ctx.api, `db.command.${v.op} needs at least one condition`)
    const cs = v.operands.map((o) => parseValue(path, o, ctx, false)).filter((c): c is Cond => c !== null)
    return { t: v.op, cs }
  }
  if (v instanceof UpdateCommand) throw invalidParam(ctx.api, `update operator db.command.${v.op} cannot be used in a query`)
  if (v instanceof RegExp) throw unsupported('RegExp queries (db.RegExp)')
  if (isPlainObject(v) && Object.keys(v).length > 0) return parseObject(v, path, ctx, top)
  return { t: 'cmp', path, op: 'eq', v: encodeValue(v, ctx.api, ctx.now) }
}

function parseCommand(path: string, c: QueryCommand, ctx: Ctx, top: boolean): Cond | null {
  const enc = (x: unknown): SV => encodeValue(x, ctx.api, ctx.now)
  switch (c.op) {
    case 'in':
    case 'nin':
      return { t: 'in', path, not: c.op === 'nin', vs: c.operands.map(enc) }
    case 'exists':
      return { t: 'exists', path, v: c.operands[0] === true }
    case 'geoNear': {
      if (!top) throw invalidParam(ctx.api, 'db.command.geoNear must be a top-level condition (not inside and/or)')
      if (ctx.geo !== null) throw invalidParam(ctx.api, 'only one db.command.geoNear condition is allowed')
      const o = checkGeoNearOptions(ctx.api, c.operands[0])
      ctx.geo = { path, lng: o.geometry.longitude, lat: o.geometry.latitude, maxDistance: o.maxDistance, minDistance: o.minDistance }
      return null
    }
    default:
      return { t: 'cmp', path, op: c.op, v: enc(c.operands[0]) }
  }
}
