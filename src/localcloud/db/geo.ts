/**
 * Nearest-first geo search over the R*Tree, as `_.geoNear` / aggregate `geoNear` do in the cloud.
 *
 * Expanding radius: look at every indexed point inside the bounding box(es) of a spherical cap of
 * radius r, keep those really within r (great-circle distance); once k of them are within r, the
 * k nearest overall are among them, otherwise grow r. The first r comes from the index's count of
 * points around the starting point. Distances use the sphere MongoDB's 2dsphere
 * uses (radius 6378100 m). The box of a cap is exact for a sphere: a cap touching a pole spans all
 * longitudes; one crossing ±180° is split into two boxes.
 */
import { requestFailed } from './errors'
import type { GeoNearSpec } from './cond'
import type { SqlFrag } from './query-sql'
import { getField, parsePath } from './paths'
import type { Store } from './store'
import type { SVObject } from './values'

export const EARTH_RADIUS_M = 6378100
const HALF_CIRCUMFERENCE = Math.PI * EARTH_RADIUS_M
const RAD = Math.PI / 180
const EPS = 1e-9

export interface Box {
  minX: number
  maxX: number
  minY: number
  maxY: number
}

export function haversine(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLng = (lng2 - lng1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

export function capBoxes(lng: number, lat: number, r: number): Box[] {
  const d = r / EARTH_RADIUS_M
  if (d >= Math.PI) return [{ minX: -180, maxX: 180, minY: -90, maxY: 90 }]
  const lat0 = lat * RAD
  const minLat = lat0 - d
  const maxLat = lat0 + d
  if (maxLat >= Math.PI / 2 || minLat <= -Math.PI / 2) {
    return [{ minX: -180, maxX: 180, minY: Math.max(minLat / RAD, -90) - EPS, maxY: Math.min(maxLat / RAD, 90) + EPS }]
  }
  const dLng = Math.asin(Math.sin(d) / Math.cos(lat0)) / RAD
  const minY = minLat / RAD - EPS
  const maxY = maxLat / RAD + EPS
  const minX = lng - dLng - EPS
  const maxX = lng + dLng + EPS
  if (minX < -180)
    return [
      { minX: minX + 360, maxX: 180, minY, maxY },
      { minX: -180, maxX, minY, maxY }
    ]
  if (maxX > 180)
    return [
      { minX, maxX: 180, minY, maxY },
      { minX: -180, maxX: maxX - 360, minY, maxY }
    ]
  return [{ minX, maxX, minY, maxY }]
}

export interface GeoHit {
  rowid: number
  dist: number
  /** the document, read by the search to check the query's other conditions and the exact point */
  doc: GeoDocRow
}

export interface GeoDocRow {
  _id: string | number
  /** the stored document, parsed (it was parsed for its exact point; nothing else holds it) */
  body: SVObject
}

/** Metres per degree of latitude; a degree of longitude is never longer. */
const M_PER_DEG = EARTH_RADIUS_M * RAD

/**
 * How far a point can be from the lower corner of its R*Tree box. The R*Tree keeps 32-bit floats and
 * rounds a box outwards by up to two units in the last place: below 2^-15 degree for a longitude
 * (|x| < 256), 2^-16 for a latitude (|y| < 128), about 5.1 m in all; 6 m leaves room for rounding.
 */
const BOX_SLACK_M = 6

/**
 * The index also counts its points per cell of 1/CELLS_PER_DEG degree, to size a search's first radius
 * from the density where it starts (a search radius that is too small costs another R*Tree query, one
 * too large reads rows it does not need). SQL and JS compute a cell alike, in doubles.
 */
const CELLS_PER_DEG = 10
const CELL_ROW = 360 * CELLS_PER_DEG + 1

export const cellsTable = (rtree: string): string => `${rtree}__cells`

export function cellSql(lng: string, lat: string): string {
  return `(CAST((${lat} + 90) * ${CELLS_PER_DEG} AS INTEGER) * ${CELL_ROW} + CAST((${lng} + 180) * ${CELLS_PER_DEG} AS INTEGER))`
}

const cellOf = (lng: number, lat: number): number => Math.trunc((lat + 90) * CELLS_PER_DEG) * CELL_ROW + Math.trunc((lng + 180) * CELLS_PER_DEG)

/**
 * A radius whose cap should hold about 1.6 k points at the density of the starting point's cell: one
 * R*Tree query is then usually enough (9 searches in 10 in the nearby bench), and it returns few rows
 * beyond those needed. An empty cell (open country) starts at one cell's width and grows from there.
 */
function firstRadius(store: Store, rtree: string, spec: GeoNearSpec, k: number, minD: number): number {
  const row = store
    .prepare(`SELECT n FROM "${cellsTable(rtree)}" WHERE cell = ?`)
    .raw(true)
    .get(cellOf(spec.lng, spec.lat)) as [number] | undefined
  const side = M_PER_DEG / CELLS_PER_DEG
  if (row === undefined || row[0] <= 0) return minD + side
  const perM2 = row[0] / (side * side * Math.max(0.01, Math.cos(spec.lat * RAD)))
  return Math.sqrt(minD * minD + (1.6 * k) / (Math.PI * perM2))
}

function rtreeOf(store: Store, coll: string, spec: GeoNearSpec, api: string): string {
  const gi = store.geoIndexes(coll).find((g) => g.field === spec.path)
  if (gi === undefined || !store.exists(coll)) {
    throw requestFailed(
      api,
      `error processing query: planner returned error :: caused by :: unable to find index for $geoNear query (field '${spec.path}' has no geo index)`
    )
  }
  return gi.rtree
}

/**
 * The candidate query for one bounding box: the R*Tree alone. A point is within BOX_SLACK_M of its box's
 * lower corner, which ranks it closely enough to decide which documents to read, without any other read.
 */
export function geoSql(store: Store, coll: string, spec: GeoNearSpec, api: string): string {
  return boxSql(rtreeOf(store, coll, spec, api))
}

const boxSql = (rtree: string): string => `SELECT id, minX, minY FROM "${rtree}" AS r WHERE r.maxX >= ? AND r.minX <= ? AND r.maxY >= ? AND r.minY <= ?`

/** The document read, which also checks the query's other conditions. */
function probeSql(store: Store, coll: string, cond: SqlFrag): string {
  return `SELECT _id, data FROM ${store.table(coll)} WHERE rowid = ? AND (${cond.sql})`
}

/**
 * The exact point of a document read by the search. Parsing it in JS costs no more than extracting
 * it in SQL, and the parsed document is what the query returns anyway.
 */
function pointOf(body: SVObject, path: string[]): [number, number] {
  const c = (getField(body, path) as SVObject).coordinates as number[]
  return [c[0], c[1]]
}

interface Candidate {
  rowid: number
  /** no nearer than this: the distance to the box's centre less the box's half-diagonal */
  low: number
}

/** A resolved candidate: its document when it matches the other conditions, and its exact distance. */
interface Seen {
  doc: GeoDocRow | null
  dist: number
}

/**
 * The k nearest rows (k = null: all) matching `cond` within [minDistance, maxDistance].
 * Fails like the cloud when the field has no geo index. Candidates are ranked from their index boxes;
 * documents are read nearest-first, each once, and only while a candidate could still be among the k.
 */
export function geoSearch(store: Store, coll: string, spec: GeoNearSpec, cond: SqlFrag, k: number | null, api: string): GeoHit[] {
  const rtree = rtreeOf(store, coll, spec, api)
  if (k === 0) return []
  const boxes = store.prepare(boxSql(rtree)).raw(true)
  const probe = store.prepare(probeSql(store, coll, cond)).raw(true)
  const path = parsePath(spec.path, api)
  const seen = new Map<number, Seen>()
  const resolve = (rowid: number): Seen => {
    let s = seen.get(rowid)
    if (s === undefined) {
      const row = probe.get(rowid, ...cond.params) as [string | number, string] | undefined
      const body = row && (JSON.parse(row[1]) as SVObject)
      s = row && body ? { doc: { _id: row[0], body }, dist: haversine(spec.lng, spec.lat, ...pointOf(body, path)) } : { doc: null, dist: Infinity }
      seen.set(rowid, s)
    }
    return s
  }
  const maxD = spec.maxDistance ?? Infinity
  const minD = spec.minDistance ?? 0
  const limitR = Math.min(maxD, HALF_CIRCUMFERENCE)
  let r = k === null ? limitR : Math.min(limitR, firstRadius(store, rtree, spec, k, minD))
  for (;;) {
    const cands: Candidate[] = []
    for (const b of capBoxes(spec.lng, spec.lat, r)) {
      // raw rows and all(): better-sqlite3's iterate() and row objects cost more than the R*Tree search itself
      for (const [id, x, y] of boxes.all(b.minX, b.maxX, b.minY, b.maxY) as Array<[number, number, number]>) {
        const d = haversine(spec.lng, spec.lat, x, y)
        if (d - BOX_SLACK_M <= r && d + BOX_SLACK_M >= minD) cands.push({ rowid: id, low: d - BOX_SLACK_M })
      }
    }
    cands.sort((a, b) => a.low - b.low)
    // exact hits so far, nearest first (ties by rowid); a candidate whose lower bound is past the k-th cannot enter
    const hits: GeoHit[] = []
    for (const c of cands) {
      if (k !== null && hits.length >= k && hits[k - 1].dist < c.low) break
      const s = resolve(c.rowid)
      if (s.doc === null || s.dist > r || s.dist < minD) continue
      let i = hits.length
      while (i > 0 && (hits[i - 1].dist > s.dist || (hits[i - 1].dist === s.dist && hits[i - 1].rowid > c.rowid))) i--
      hits.splice(i, 0, { rowid: c.rowid, dist: s.dist, doc: s.doc })
      if (k !== null && hits.length > k) hits.pop()
    }
    // k matches within r: nothing outside r can be nearer, so these are the k nearest overall
    if (k === null || hits.length >= k || r >= limitR) return hits
    // the count inside a cap grows with its area, i.e. with r squared
    const grow = hits.length === 0 ? 3 : Math.min(4, Math.max(1.3, Math.sqrt(k / hits.length) * 1.3))
    r = Math.min(limitR, r * grow)
  }
}
