/**
 * Nearest-first geo search over the R*Tree, as `_.geoNear` / aggregate `geoNear` do in the cloud.
 *
 * Expanding radius: look at every indexed point inside the bounding box(es) of a spherical cap of
 * radius r, keep those really within r (great-circle distance); once k of them are within r, the
 * k nearest overall are among them, otherwise grow r. Distances use the sphere MongoDB's 2dsphere
 * uses (radius 6378100 m). The box of a cap is exact for a sphere: a cap touching a pole spans all
 * longitudes; one crossing ±180° is split into two boxes.
 */
import { requestFailed } from './errors'
import type { GeoNearSpec } from './query-parse'
import type { SqlFrag } from './query-sql'
import type { Store } from './store'

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
  if (minX < -180) return [{ minX: minX + 360, maxX: 180, minY, maxY }, { minX: -180, maxX, minY, maxY }]
  if (maxX > 180) return [{ minX, maxX: 180, minY, maxY }, { minX: -180, maxX: maxX - 360, minY, maxY }]
  return [{ minX, maxX, minY, maxY }]
}

export interface GeoHit {
  rowid: number
  dist: number
  /** the document, when the search already read it to check the query's other conditions */
  doc?: GeoDocRow
}

export interface GeoDocRow {
  _id: string | number
  data: string
}

function rtreeOf(store: Store, coll: string, spec: GeoNearSpec, api: string): string {
  const gi = store.geoIndexes(coll).find((g) => g.field === spec.path)
  if (gi === undefined || !store.exists(coll)) {
    throw requestFailed(api, `error processing query: planner returned error :: caused by :: unable to find index for $geoNear query (field '${spec.path}' has no geo index)`)
  }
  return gi.rtree
}

/**
 * The candidate query for one bounding box: the R*Tree alone, with each point's exact coordinates kept
 * in its auxiliary columns (the box columns are 32-bit floats), so no document is touched to rank them.
 */
export function geoSql(store: Store, coll: string, spec: GeoNearSpec, api: string): string {
  return `SELECT id, lng, lat FROM "${rtreeOf(store, coll, spec, api)}" AS r WHERE r.maxX >= ? AND r.minX <= ? AND r.maxY >= ? AND r.minY <= ?`
}

/**
 * The k nearest rows (k = null: all) matching `cond` within [minDistance, maxDistance].
 * Fails like the cloud when the field has no geo index. Candidates are ranked from the index; the
 * document conditions are checked nearest-first, and only until k rows match.
 */
export function geoSearch(store: Store, coll: string, spec: GeoNearSpec, cond: SqlFrag, k: number | null, api: string): GeoHit[] {
  const sql = geoSql(store, coll, spec, api)
  if (k === 0) return []
  const boxes = store.prepare(sql)
  const unconditional = cond.sql === '1'
  // The document is read with its condition check, so a match needs no second read to be returned.
  const probe = unconditional ? null : store.prepare(`SELECT _id, data FROM ${store.table(coll)} WHERE rowid = ? AND (${cond.sql})`)
  const verdicts = new Map<number, GeoDocRow | null>()
  const matches = (h: GeoHit): boolean => {
    if (!probe) return true
    let row = verdicts.get(h.rowid)
    if (row === undefined) {
      row = (probe.get(h.rowid, ...cond.params) as GeoDocRow | undefined) ?? null
      verdicts.set(h.rowid, row)
    }
    if (row) h.doc = row
    return row !== null
  }
  const maxD = spec.maxDistance ?? Infinity
  const minD = spec.minDistance ?? 0
  const limitR = Math.min(maxD, HALF_CIRCUMFERENCE)
  let r = k === null ? limitR : Math.min(limitR, minD + 200)
  for (;;) {
    const within: GeoHit[] = []
    for (const b of capBoxes(spec.lng, spec.lat, r)) {
      // raw rows and all(): better-sqlite3's iterate() and row objects cost more than the R*Tree search itself
      for (const [id, lng, lat] of boxes.raw(true).all(b.minX, b.maxX, b.minY, b.maxY) as Array<[number, number, number]>) {
        const dist = haversine(spec.lng, spec.lat, lng, lat)
        if (dist >= minD && dist <= r) within.push({ rowid: id, dist })
      }
    }
    within.sort((a, b) => a.dist - b.dist || a.rowid - b.rowid)
    const hits: GeoHit[] = []
    for (const h of within) {
      if (k !== null && hits.length >= k) break
      if (matches(h)) hits.push(h)
    }
    // k matches within r: nothing outside r can be nearer, so these are the k nearest overall
    if (k === null || hits.length >= k || r >= limitR) return hits
    // the count inside a cap grows with its area, i.e. with r squared
    const grow = hits.length === 0 ? 3 : Math.min(4, Math.max(1.3, Math.sqrt(k / hits.length) * 1.3))
    r = Math.min(limitR, r * grow)
  }
}
