import type { StoreAdminRow } from '../../contract/stores'
import type { StoreDoc } from './docs'
import { lngLat, storeView } from './views'

/** A store for its managers: what shoppers see, plus where it is and whether it is live. */
export function storeAdminRow(s: StoreDoc): StoreAdminRow {
  const [longitude, latitude] = lngLat(s.location)
  return { ...storeView(s), longitude, latitude, active: s.active }
}
