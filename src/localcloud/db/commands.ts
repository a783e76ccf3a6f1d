/**
 * `db.command` (`_`) and `db.command.aggregate` (`$`). Commands are objects of our own classes,
 * never plain `{ $op: ... }` objects, so the query parser can tell an operator the function wrote
 * from a `$` key that arrived in client input (the latter is refused). Anything outside the
 * supported subset is a function that throws naming itself, so unsupported code fails loudly
 * instead of silently matching nothing.
 */
import { Point } from './datatypes'
import { invalidParam, unsupported } from './errors'

export type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'geoNear'
export type UpdateOp = 'inc' | 'set' | 'remove' | 'push'

/** Mirrors the SDK's variadic-or-array convention: f([a, b]) and f(a, b) mean the same. */
function spread(args: unknown[]): unknown[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args
}

export class QueryCommand {
  constructor(
    readonly op: QueryOp,
    readonly operands: unknown[]
  ) {}
  and(...args: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...spread(args)])
  }
  or(...args: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...spread(args)])
  }
}

export class LogicCommand {
  constructor(
    readonly op: 'and' | 'or',
    readonly operands: unknown[]
  ) {}
  and(...args: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...spread(args)])
  }
  or(...args: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...spread(args)])
  }
}

export class UpdateCommand {
  constructor(
    readonly op: UpdateOp,
    readonly operands: unknown[]
  ) {}
}

export function isCommand(v: unknown): boolean {
  return v instanceof QueryCommand || v instanceof LogicCommand || v instanceof UpdateCommand
}

export interface GeoNearOptions {
  geometry: Point
  maxDistance?: number
  minDistance?: number
}

function checkDistance(name: string, v: unknown): void {
  if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
    throw invalidParam('db.command.geoNear', `"${name}" must be a non-negative number of metres`)
  }
}

export function checkGeoNearOptions(api: string, o: unknown): GeoNearOptions {
  if (typeof o !== 'object' || o === null) throw invalidParam(api, 'options must be an object')
  const opts = o as Record<string, unknown>
  if (!(opts.geometry instanceof Point)) throw invalidParam(api, '"geometry" must be a db.Geo.Point')
  checkDistance('maxDistance', opts.maxDistance)
  checkDistance('minDistance', opts.minDistance)
  return opts as unknown as GeoNearOptions
}

const baseCommand = {
  eq: (v: unknown) => new QueryCommand('eq', [v]),
  neq: (v: unknown) => new QueryCommand('neq', [v]),
  gt: (v: unknown) => new QueryCommand('gt', [v]),
  gte: (v: unknown) => new QueryCommand('gte', [v]),
  lt: (v: unknown) => new QueryCommand('lt', [v]),
  lte: (v: unknown) => new QueryCommand('lte', [v]),
  in: (v: unknown[]) => {
    if (!Array.isArray(v)) throw invalidParam('db.command.in', 'the argument must be an array')
    return new QueryCommand('in', v)
  },
  nin: (v: unknown[]) => {
    if (!Array.isArray(v)) throw invalidParam('db.command.nin', 'the argument must be an array')
    return new QueryCommand('nin', v)
  },
  exists: (v: boolean) => {
    if (typeof v !== 'boolean') throw invalidParam('db.command.exists', 'the argument must be a boolean')
    return new QueryCommand('exists', [v])
  },
  geoNear: (o: GeoNearOptions) => new QueryCommand('geoNear', [checkGeoNearOptions('db.command.geoNear', o)]),
  and: (...args: unknown[]) => new LogicCommand('and', spread(args)),
  or: (...args: unknown[]) => new LogicCommand('or', spread(args)),
  inc: (n: number) => {
    if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidParam('db.command.inc', 'the argument must be a number')
    return new UpdateCommand('inc', [n])
  },
  set: (v: unknown) => new UpdateCommand('set', [v]),
  remove: () => new UpdateCommand('remove', []),
  push: (...args: unknown[]) => new UpdateCommand('push', args)
}

/** Aggregation operators implemented by agg-expr.ts; `$.x(arg)` builds `{ $x: arg }` like the SDK. */
export const AGGREGATE_OPERATORS = [
  'sum',
  'avg',
  'min',
  'max',
  'first',
  'last',
  'push',
  'addToSet',
  'add',
  'subtract',
  'multiply',
  'divide',
  'mod',
  'abs',
  'floor',
  'ceil',
  'cond',
  'ifNull',
  'eq',
  'neq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'and',
  'or',
  'not',
  'in',
  'concat',
  'literal',
  'size',
  'toLower',
  'toUpper',
  'dateToString'
] as const

type AggregateBuilder = Record<string, (arg?: unknown) => Record<string, unknown>>

const NOT_OPERATORS = new Set(['then', 'toJSON', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch'])

/** Unknown lowercase names become functions that throw naming the operator. */
export function strict<T extends object>(target: T, prefix: string): T {
  return new Proxy(target, {
    get(t, p, r) {
      if (typeof p === 'symbol' || p in t) return Reflect.get(t, p, r) as unknown
      if (!/^[a-z][A-Za-z0-9]*$/.test(p) || NOT_OPERATORS.has(p)) return undefined
      return () => {
        throw unsupported(`${prefix}.${p}`)
      }
    }
  })
}

function makeAggregate(): AggregateBuilder {
  const agg: AggregateBuilder = {}
  for (const op of AGGREGATE_OPERATORS) agg[op] = (arg?: unknown) => ({ [`$${op}`]: arg })
  return strict(agg, 'db.command.aggregate')
}

export type DbCommand = typeof baseCommand & { aggregate: AggregateBuilder }

export function createCommand(): DbCommand {
  return strict({ ...baseCommand, aggregate: makeAggregate() }, 'db.command') as DbCommand
}
