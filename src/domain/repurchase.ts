import { chinaDayKey, chinaDayStart, DAY_MS } from './china-time'

/** One purchase as the arithmetic needs it. Amounts are positive fen: refunds are not purchases. */
export interface Purchase {
  fanId: string
  at: number
  amountFen: number
}

export type CohortUnit = 'week' | 'month'
export const WINDOWS = [30, 60, 90] as const

/** Refunds and corrections are not sales: a non-positive or fractional amount is a bug upstream. */
export function assertSaleAmount(amountFen: number): void {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw new RangeError(`not a sale amount: ${amountFen}`)
}

/** Cohort key in China time: the Monday ('YYYY-MM-DD') of the week, or 'YYYY-MM'. */
export function cohortKey(ms: number, unit: CohortUnit): string {
  if (unit === 'month') return chinaDayKey(ms).slice(0, 7)
  const dayStart = chinaDayStart(ms)
  // getUTCDay of the China-shifted instant is the China weekday (0 = Sunday).
  const weekday = new Date(dayStart + 8 * 3600_000).getUTCDay()
  return chinaDayKey(dayStart - ((weekday + 6) % 7) * DAY_MS)
}

export interface FanHistory {
  fanId: string
  first: number
  /** null: has not bought again */
  second: number | null
  purchases: number
}

/** Each fan's first and second purchase; ties in time keep input order. */
export function fanHistories(purchases: readonly Purchase[]): FanHistory[] {
  const byFan = new Map<string, FanHistory>()
  const sorted = [...purchases].sort((a, b) => a.at - b.at)
  for (const p of sorted) {
    assertSaleAmount(p.amountFen)
    const h = byFan.get(p.fanId)
    if (!h) byFan.set(p.fanId, { fanId: p.fanId, first: p.at, second: null, purchases: 1 })
    else {
      if (h.second === null) h.second = p.at
      h.purchases++
    }
  }
  return [...byFan.values()]
}

/** Bought again within `days` of the first purchase, the edge itself included. */
export const within = (h: FanHistory, days: number) => h.second !== null && h.second - h.first <= days * DAY_MS

/**
 * Share of fans who bought again within the window, counting only fans whose window has closed by
 * `now` (a fan who joined yesterday has not had 30 days to come back). null when none has.
 */
export function windowRate(histories: readonly FanHistory[], days: number, now: number): number | null {
  const eligible = histories.filter((h) => h.first + days * DAY_MS <= now)
  if (eligible.length === 0) return null
  return eligible.filter((h) => within(h, days)).length / eligible.length
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Median days from first to second purchase, to one decimal, over fans who bought twice. */
export function medianDaysToSecond(histories: readonly FanHistory[]): number | null {
  const m = median(histories.filter((h) => h.second !== null).map((h) => ((h.second as number) - h.first) / DAY_MS))
  return m === null ? null : Math.round(m * 10) / 10
}

export interface CohortFigures {
  cohort: string
  fans: number
  repurchased: number
  rate30: number | null
  rate60: number | null
  rate90: number | null
}

/** Fans grouped by the China week or month of their first purchase, newest cohort first. */
export function cohortFigures(histories: readonly FanHistory[], unit: CohortUnit, now: number): CohortFigures[] {
  const groups = new Map<string, FanHistory[]>()
  for (const h of histories) {
    const key = cohortKey(h.first, unit)
    groups.set(key, [...(groups.get(key) ?? []), h])
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([cohort, hs]) => ({
      cohort,
      fans: hs.length,
      repurchased: hs.filter((h) => h.second !== null).length,
      rate30: windowRate(hs, 30, now),
      rate60: windowRate(hs, 60, now),
      rate90: windowRate(hs, 90, now)
    }))
}

/** Whether each purchase (by index) is a repurchase: the fan had bought before it. */
export function repurchaseFlags(purchases: readonly Purchase[]): boolean[] {
  const order = purchases.map((p, i) => ({ p, i })).sort((a, b) => a.p.at - b.p.at || a.i - b.i)
  const seen = new Set<string>()
  const flags = new Array<boolean>(purchases.length).fill(false)
  for (const { p, i } of order) {
    flags[i] = seen.has(p.fanId)
    seen.add(p.fanId)
  }
  return flags
}
