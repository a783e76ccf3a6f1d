/**
 * Where the shopper is, on weapp (location.h5.ts is the H5 build's twin; Taro picks the file by target).
 * Only the nearby page imports this, so location is asked for only when the shopper opens that page.
 */
import Taro from '@tarojs/taro'

export type Located = { status: 'located'; longitude: number; latitude: number; source: 'device' } | { status: 'denied' | 'unavailable'; message: string }

export interface MapTarget {
  name: string
  address: string
  longitude: number
  latitude: number
}

/**
 * getFuzzyLocation, not getLocation: the platform grants getLocation only to some categories (e.g.
 * in-store navigation) and points a nearby-stores list to getFuzzyLocation, which is coarse but
 * enough to rank stores. It must be declared in app.config `requiredPrivateInfos` (and cannot be
 * declared together with getLocation) with a `scope.userFuzzyLocation` permission text, and be in the
 * privacy guide, or it fails. The first call shows WeChat's privacy and authorization prompts.
 * gcj02: the coordinate system of our store locations and of openLocation.
 */
export async function locate(): Promise<Located> {
  try {
    const res = await Taro.getFuzzyLocation({ type: 'gcj02' })
    return { status: 'located', longitude: res.longitude, latitude: res.latitude, source: 'device' }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    // "auth deny", "auth denied", "privacy permission is not authorized": the shopper said no
    const denied = /auth|privacy|permission/i.test(msg)
    return { status: denied ? 'denied' : 'unavailable', message: denied ? '未授权获取位置' : '暂时无法获取位置' }
  }
}

/**
 * Once refused, WeChat does not ask again: the shopper turns location on in the settings page.
 * Answers whether location is now allowed (then the page locates again).
 */
export async function grantLater(): Promise<boolean> {
  try {
    const res = await Taro.openSetting()
    // Taro's AuthSetting type predates scope.userFuzzyLocation; the key is WeChat's
    return (res.authSetting as Record<string, boolean | undefined>)['scope.userFuzzyLocation'] === true
  } catch {
    return false
  }
}

/** WeChat's built-in map with the store pinned; it offers route planning from there. */
export function openMap(target: MapTarget): void {
  Taro.openLocation({ ...target, scale: 16 }).catch(() => undefined)
}
