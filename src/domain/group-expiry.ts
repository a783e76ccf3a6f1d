import { chinaDayKey, DAY_MS } from './china-time'

/**
 * A WeChat group QR stays valid for 7 days: a new code's "valid until" starts there, so a manager who
 * changes nothing gets the longest-lived code (groupCodeExpiry still caps it at upload + 7 days).
 */
export const defaultGroupValidUntil = (now: number): string => chinaDayKey(now + 7 * DAY_MS)

/**
 * The last China day a code can be scanned. `expiresAt` is exclusive (midnight after the chosen day, or
 * upload + 7 days), so the day is the one holding the millisecond before it: every page shows this one date.
 */
export const groupLastDay = (expiresAt: number): string => chinaDayKey(expiresAt - 1)
