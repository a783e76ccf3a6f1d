/**
 * Pure geography and opening hours for the nearby-stores journey: no I/O, same answers on the
 * client, in a cloud function and in tests.
 */
import { CHINA_OFFSET_MS, DAY_MS } from './china-time'

/**
 * The sphere MongoDB's 2dsphere index measures on (6378.1 km), which is what the cloud database's
 * geoNear orders and filters by; using the same radius keeps our distances consistent with its maxDistance.
 */
export const EARTH_RADIUS_M = 6378100
const RAD = Math.PI / 180

/** Great-circle distance in metres (haversine: stable for tiny distances and across ±180°). */
export function distanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLng = (lng2 - lng1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** 850 → '850米', 1234 → '1.2公里', 23456 → '23公里': metres while walking makes sense. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.round(m)}米`
  const km = m / 1000
  return km < 10 ? `${km.toFixed(1)}公里` : `${Math.round(km)}公里`
}

export interface Span {
  /** minutes after China midnight */
  open: number
  close: number
}

/**
 * 'HH:MM-HH:MM', several joined by ',' / '，' / ' ' ('10:00-14:00,17:00-22:00'). A close at or before
 * the open is past midnight (22:00-02:00); '00:00-24:00' and an equal open and close mean all day.
 * Anything else is null: the page shows the text as it is and no open/closed badge.
 */
export function parseHours(hours: string): Span[] | null {
  const parts = hours.split(/[,，、\s]+/).filter(Boolean)
  if (parts.length === 0) return null
  const spans: Span[] = []
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})[-–~～至](\d{1,2}):(\d{2})$/.exec(part)
    if (!m) return null
    const [open, close] = [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])]
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || open > 24 * 60 || close > 24 * 60) return null
    spans.push({ open, close })
  }
  return spans
}

/** Minutes after midnight in China (UTC+8, no DST) at epoch ms `at`, whatever the server's zone. */
export function chinaMinuteOfDay(at: number): number {
  const inDay = (((at + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS
  return Math.floor(inDay / 60000)
}

function inSpan({ open, close }: Span, minute: number): boolean {
  if (open === close || (open === 0 && close === 24 * 60)) return true
  if (open < close) return minute >= open && minute < close
  return minute >= open || minute < close // overnight: from open until midnight, then until close
}

/** Stores share a handful of hours texts; parse each once (bounded, so odd inputs cannot grow it). */
const parsed = new Map<string, Span[] | null>()

/** Open at `at` (China time)? null when the hours text cannot be read. */
export function isOpenAt(hours: string, at: number): boolean | null {
  let spans = parsed.get(hours)
  if (spans === undefined) {
    spans = parseHours(hours)
    if (parsed.size < 500) parsed.set(hours, spans)
  }
  if (!spans) return null
  const minute = chinaMinuteOfDay(at)
  return spans.some((s) => inSpan(s, minute))
}

/**
 * WGS-84 (what a browser's geolocation gives) → GCJ-02 (what WeChat's location APIs, Chinese maps and
 * our store locations use). Inside China the two differ by a few hundred metres, enough to reorder
 * nearby stores; outside China GCJ-02 is WGS-84. This is the published approximation every Chinese map
 * SDK implements (Krasovsky ellipsoid, offsets in metres converted to degrees).
 */
export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271) return [lng, lat]
  const A = 6378245.0
  const EE = 0.006693421622965943
  const x = lng - 105
  const y = lat - 35
  const wave = (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * (2 / 3)
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + wave
  dLat += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  dLat += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + wave
  dLng += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  dLng += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  const sinLat = Math.sin(lat * RAD)
  const magic = 1 - EE * sinLat * sinLat
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * Math.sqrt(magic))) * Math.PI)
  dLng = (dLng * 180) / ((A / Math.sqrt(magic)) * Math.cos(lat * RAD) * Math.PI)
  return [lng + dLng, lat + dLat]
}
