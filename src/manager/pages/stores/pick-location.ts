import Taro from '@tarojs/taro'

/** A point picked on the map, GCJ-02 as every WeChat location API answers, with the place it names. */
export interface PickedPlace {
  longitude: number
  latitude: number
  name: string
  address: string
}

/** How this build takes a store's location: weapp picks on WeChat's map; H5 (pick-location.h5.ts) types numbers. */
export const LOCATION_INPUT: 'map' | 'typed' = 'map'

/**
 * WeChat's map picker, centred on the store's current point when it has one. Needs 'chooseLocation' in
 * app.config `requiredPrivateInfos` (it may sit beside getFuzzyLocation; only the precise-location APIs
 * exclude it) and the privacy guide; since 2022-06 it asks for no scope.userLocation grant.
 * null when the manager backs out.
 */
export async function pickLocation(near: { longitude: number; latitude: number } | null): Promise<PickedPlace | null> {
  try {
    const res = await Taro.chooseLocation(near ? { longitude: near.longitude, latitude: near.latitude } : {})
    return { longitude: res.longitude, latitude: res.latitude, name: res.name ?? '', address: res.address ?? '' }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/i.test(msg)) return null
    throw new Error(`无法打开地图选点${msg ? `：${msg}` : ''}`)
  }
}
