import type { PickedPlace } from './pick-location'

export type { PickedPlace }

/**
 * The H5 build (local cloud) has no map picker: the form shows 经度/纬度 inputs instead, to be filled
 * with GCJ-02 numbers (what Amap's or Tencent's coordinate picker shows, not a GPS reading).
 */
export const LOCATION_INPUT: 'map' | 'typed' = 'typed'

export async function pickLocation(_near: { longitude: number; latitude: number } | null): Promise<PickedPlace | null> {
  return null
}
