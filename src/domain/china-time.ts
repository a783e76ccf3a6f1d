/**
 * China has one time zone (UTC+8) and no daylight saving, while cloud functions run in UTC.
 * Day keys are therefore plain arithmetic on the offset, with no time-zone database needed.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

/** 'YYYY-MM-DD' of the China calendar day containing `ms`. */
export function chinaDayKey(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Epoch ms of 00:00:00.000 China time on the day containing `ms`. */
export function chinaDayStart(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}

/** Epoch ms of 00:00 China time on `dayKey`. */
export function chinaDayKeyStart(dayKey: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dayKey)) throw new RangeError(`not a day key: ${dayKey}`)
  return Date.parse(`${dayKey}T00:00:00.000Z`) - CHINA_OFFSET_MS
}

/** The last `count` China day keys ending with the day of `ms`, oldest first. */
export function chinaDayKeysEnding(ms: number, count: number): string[] {
  const start = chinaDayStart(ms)
  return Array.from({ length: count }, (_, i) => chinaDayKey(start - (count - 1 - i) * DAY_MS))
}
