import { repurchaseRate, T, type Tally } from './kpi-tally'

/** Four decimals: enough for a percentage with two, and the same number on every side of a comparison. */
const ratio = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null)

export type FunnelStepName = 'visit' | 'fan' | 'firstPurchase' | 'repurchase'
export interface FunnelStep {
  step: FunnelStepName
  label: string
  count: number
  /** this step ÷ the previous one; null for the first step or when the previous one is 0 */
  conversion: number | null
}

/**
 * Visit → new fan → first purchase → repurchase, each counted when it happens within the range. It is a
 * flow over the period, not a cohort (the repurchase page has those): a fan who joined before the range
 * and bought in it counts at the purchase steps only, and one fan may repurchase several times, so a
 * step can exceed the one before it.
 */
export function funnel(t: readonly number[]): FunnelStep[] {
  const steps: Array<[FunnelStepName, string, number]> = [
    ['visit', '到店', t[T.visits]],
    ['fan', '新粉', t[T.newFans]],
    ['firstPurchase', '首购', t[T.firstPurchases]],
    ['repurchase', '复购', t[T.repurchases]]
  ]
  return steps.map(([step, label, count], i) => ({ step, label, count, conversion: i === 0 ? null : ratio(count, steps[i - 1][2]) }))
}

export const SORT_KEYS = ['newFans', 'visits', 'couponsRedeemed', 'sales', 'salesFen', 'repurchaseRate'] as const
export type SortKey = (typeof SORT_KEYS)[number]

export interface RankedStaff {
  rank: number
  staffId: string
  tally: Tally
}

const sortValue = (t: Tally, key: SortKey): number | null => (key === 'repurchaseRate' ? repurchaseRate(t[T.firstPurchases], t[T.repurchases]) : t[T[key]])

/**
 * Staff ordered by one column, largest first; a staff member without a value (no purchases for the
 * repurchase rate) comes last. Equal values share a rank (1, 2, 2, 4); ties list by new fans, then id.
 */
export function rankStaff(entries: Iterable<[string, Tally]>, key: SortKey): RankedStaff[] {
  const rows = [...entries].map(([staffId, tally]) => ({ staffId, tally, value: sortValue(tally, key) }))
  rows.sort((a, b) => {
    if (a.value !== b.value) return a.value === null ? 1 : b.value === null ? -1 : b.value - a.value
    const fans = b.tally[T.newFans] - a.tally[T.newFans]
    if (fans !== 0) return fans
    return a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0
  })
  let rank = 0
  return rows.map((r, i) => {
    if (i === 0 || r.value !== rows[i - 1].value) rank = i + 1
    return { rank, staffId: r.staffId, tally: r.tally }
  })
}
