import type { StoreAdminRow } from '../../contract/stores'
import type { StoreDoc } from './docs'
import { storeView } from './views'

/**
 * [longitude, latitude] of a stored location. The SDK hands a stored point back as a db.Geo.Point
 * ({ longitude, latitude }); a document written as plain GeoJSON reads back as { coordinates }.
 */
export function lngLat(loc: unknown): [number, number] {
  const p = loc as { longitude?: number; latitude?: number; coordinates?: [number, number] }
  return p.coordinates ? p.coordinates : [p.longitude as number, p.latitude as number]
}

/** A store for its managers: what shoppers see, plus where it is and whether it is live. */
export function storeAdminRow(s: StoreDoc): StoreAdminRow {
  const [longitude, latitude] = lngLat(s.location)
  return { ...storeView(s), longitude, latitude, active: s.active }
}
