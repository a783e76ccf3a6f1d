import type { LeaderRow } from '../../contract/kpi'
import { funnel, rankStaff, type SortKey } from '../../domain/kpi-report'
import { resolveRange, type DayRange, type RangeQuery } from '../../domain/kpi-range'
import { emptyTally, figures } from '../../domain/kpi-tally'
import { managerStoreScope } from './caller'
import type { StaffDoc } from './docs'
import { AppError } from './errors'
import { staffByIds, storesIn, storesWithStaff, type NamedStaff, type NamedStore } from './kpi-read'
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

/** The stores in view by name, and the people already known by id (see dashboardNames). */
export interface DashboardNames {
  stores: NamedStore[]
  people: Map<string, NamedStaff>
}

/**
 * A list of stores comes with the people whose home store they are, in the same request (storesWithStaff),
 * so the leaderboard is named without another read unless someone from elsewhere helped out. The whole
 * brand's people are too many to read for a 20-row leaderboard: they are read by id after ranking.
 */
export async function dashboardNames(scope: readonly string[] | null): Promise<DashboardNames> {
  if (!scope) return { stores: await storesIn(null), people: new Map() }
  const { stores, staff } = await storesWithStaff(scope)
  return { stores, people: new Map(staff.map((p) => [p._id, { name: p.name, storeId: p.storeId }])) }
}

/**
 * Everything the dashboard shows; `limit` null lists every staff member (the CSV export). `names` lets a
 * caller that reads them for something else too (the brand's store ids) pass its read in.
 */
export async function buildDashboard(staff: StaffDoc | null, q: DashboardQuery, now: number, limit: number | null, names?: Promise<DashboardNames>) {
  const scope = dashboardScope(staff, q.storeId)
  const range = rangeOrRefuse(q, now)
  const sort = q.sort ?? 'newFans'
  const [{ stores, people: known }, tallies] = await Promise.all([names ?? dashboardNames(scope), readTallies(range, scope, now)])
  const total = rangeTotal(tallies)
  const byStaff = tallies.staff
  const ranked = rankStaff(
    [...byStaff].map(([id, s]) => [id, s.tally]),
    sort
  )
  const shown = limit === null ? ranked : ranked.slice(0, limit)
  const unknown = shown.map((r) => r.staffId).filter((id) => !known.has(id))
  const people = unknown.length === 0 ? known : new Map([...known, ...(await staffByIds(unknown))])
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
