/**
 * Where the shopper is, in the H5 build (served by the local cloud for demos and tests): the browser's
 * geolocation, converted to GCJ-02. Without one the page lists stores by city: distances from a made-up
 * point would tell the shopper a store is metres away when it is not (#18.16).
 */
import { wgs84ToGcj02 } from '../../domain/geo'
import type { Located, MapTarget } from './location'

export type { Located, MapTarget }

/** The page must not wait on a permission prompt nobody answers (headless browsers, desktop). */
const TIMEOUT_MS = 3000

function browserPosition(): Promise<GeolocationPosition | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    // getCurrentPosition's own timeout does not count the time a permission prompt stays open
    const timer = setTimeout(() => resolve(null), TIMEOUT_MS)
    const done = (p: GeolocationPosition | null) => {
      clearTimeout(timer)
      resolve(p)
    }
    navigator.geolocation.getCurrentPosition(done, () => done(null), { enableHighAccuracy: false, timeout: TIMEOUT_MS, maximumAge: 600_000 })
  })
}

export async function locate(): Promise<Located> {
  const pos = await browserPosition()
  if (!pos) return { status: 'unavailable', message: '未获取到你的位置' }
  // browsers report WGS-84; stores are stored in GCJ-02 like everything WeChat returns
  const [longitude, latitude] = wgs84ToGcj02(pos.coords.longitude, pos.coords.latitude)
  return { status: 'located', longitude, latitude, source: 'device' }
}

/** A browser has no settings page to open: ask again (it prompts if the permission is not blocked). */
export async function grantLater(): Promise<boolean> {
  return (await browserPosition()) !== null
}

/** Amap's URI API takes GCJ-02 (coordinate=gaode) and opens its app or web map with route planning. */
export function mapUrl(t: MapTarget): string {
  const q = new URLSearchParams({ position: `${t.longitude},${t.latitude}`, name: t.name, src: 'fanloop', coordinate: 'gaode', callnative: '1' })
  return `https://uri.amap.com/marker?${q.toString()}`
}

export function openMap(target: MapTarget): void {
  window.open(mapUrl(target), '_blank', 'noopener')
}
