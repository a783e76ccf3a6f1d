/**
 * The engine's query form: a condition tree over dot paths, plus at most one geoNear (nearest-first
 * search through the R*Tree). wire/mongo.ts builds it from the MongoDB query the SDK sends;
 * query-sql.ts compiles it to SQL and query-match.ts evaluates it in JS.
 */
import type { SV } from './values'

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

export const MATCH_ALL: Cond = { t: 'and', cs: [] }
