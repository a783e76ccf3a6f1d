import type { LeaderRow } from '../../contract/kpi'
import { funnel, rankStaff, type SortKey } from '../../domain/kpi-report'
import { resolveRange, type DayRange, type RangeQuery } from '../../domain/kpi-range'
import { emptyTally, figures } from '../../domain/kpi-tally'
import { managerStoreScope } from './caller'
import type { StaffDoc } from './docs'
import { AppError } from './errors'
import { staffByIds, storesIn } from './kpi-read'
import { rangeTotal, readTallies } from './kpi-tallies'

export function rangeOrRefuse(q: RangeQuery, now: number): DayRange {
  const r = resolveRange(q, now)
  if ('error' in r) throw new AppError('INVALID_INPUT', r.error)
  return r
}

/** The stores this request may cover: a store outside the manager's scope is refused, never emptied. */
export function dashboardScope(staff: StaffDoc | null, storeId: string | undefined): string[] | null {
  if (!staff || staff.role !== 'manager') throw new AppError('FORBIDDEN')
  const scope = managerStoreScope(staff)
  if (storeId === undefined) return scope
  if (scope && !scope.includes(storeId)) throw new AppError('FORBIDDEN', '只能查看自己管理的门店')
  return [storeId]
}

export interface DashboardQuery extends RangeQuery {
  storeId?: string
  sort?: SortKey
}

/** Everything the dashboard shows; `limit` null lists every staff member (the CSV export). */
export async function buildDashboard(staff: StaffDoc | null, q: DashboardQuery, now: number, limit: number | null) {
  const scope = dashboardScope(staff, q.storeId)
  const range = rangeOrRefuse(q, now)
  const sort = q.sort ?? 'newFans'
  const [stores, tallies] = await Promise.all([storesIn(scope), readTallies(range, scope, now)])
  const total = rangeTotal(tallies)
  const byStaff = tallies.staff
  const ranked = rankStaff(
    [...byStaff].map(([id, s]) => [id, s.tally]),
    sort
  )
  const shown = limit === null ? ranked : ranked.slice(0, limit)
  const people = await staffByIds(shown.map((r) => r.staffId))
  const storeName = new Map(stores.map((s) => [s.storeId, s.name]))
  const rows = shown.map((r): LeaderRow => {
    const person = people.get(r.staffId)
    // A staff member's home store, unless it is outside the view (a colleague helping out elsewhere).
    const storeId = person && storeName.has(person.storeId) ? person.storeId : (byStaff.get(r.staffId)?.storeId ?? '')
    const f = figures(r.tally)
    return {
      rank: r.rank,
      staffId: r.staffId,
      name: person?.name ?? r.staffId,
      storeId,
      storeName: storeName.get(storeId) ?? storeId,
      newFans: f.newFans,
      visits: f.visits,
      couponsRedeemed: f.couponsRedeemed,
      sales: f.sales,
      salesFen: f.salesFen,
      repurchaseRate: f.repurchaseRate
    }
  })
  return {
    range: { from: range.from, to: range.to, days: range.days.length },
    storeId: q.storeId ?? null,
    stores,
    totals: figures(total),
    funnel: funnel(total),
    daily: range.days.map((dayKey) => ({ dayKey, ...figures(tallies.days.get(dayKey) ?? emptyTally()) })),
    leaderboard: { sort, staffCount: ranked.length, rows }
  }
}
