import { funnel, rankStaff } from '../domain/kpi-report'
import { emptyTally, figures, rowTally, sumTallies, type Tally } from '../domain/kpi-tally'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { rangeOrRefuse } from './_lib/kpi-dashboard'
import { readCounterRows, storesWithStaff } from './_lib/kpi-read'
import { addRows, emptyTallies } from './_lib/kpi-tallies'

/**
 * A staff member's own figures and rank in their store. One store's counter rows for at most 92 days
 * are about a thousand rows, so they are read directly, which also gives the per-staff daily series.
 */
export const main = defineFunction('staffKpi', async ({ sort = 'newFans', ...query }, caller) => {
  const me = caller.staff
  if (!me) throw new AppError('FORBIDDEN')
  const range = rangeOrRefuse(query, Date.now())
  // The store's name and its people come in one request (a $lookup); its active staff are the colleagues.
  const [rows, home] = await Promise.all([readCounterRows(range.days, [me.storeId]), storesWithStaff([me.storeId])])
  const colleagues = home.staff.filter((p) => p.role === 'staff' && p.active === true)
  const perDay = new Map<string, Tally>()
  for (const row of rows) if (row.staffId === me._id) perDay.set(row.dayKey, rowTally(row))
  const totals = sumTallies(perDay.values())
  // Every active staff member of the store is ranked, with zeros for those without a counter row in the range.
  const byStaff = addRows(emptyTallies(), rows).staff
  for (const id of [...colleagues.map((c) => c._id), me._id]) if (!byStaff.has(id)) byStaff.set(id, { tally: emptyTally(), storeId: me.storeId })
  const ranked = rankStaff(
    [...byStaff].map(([id, s]) => [id, s.tally]),
    sort
  )
  return {
    range: { from: range.from, to: range.to, days: range.days.length },
    staff: { staffId: me._id, name: me.name, storeId: me.storeId, storeName: home.stores[0]?.name ?? me.storeId },
    totals: figures(totals),
    funnel: funnel(totals),
    daily: range.days.map((dayKey) => ({ dayKey, ...figures(perDay.get(dayKey) ?? emptyTally()) })),
    rank: { sort, position: ranked.find((r) => r.staffId === me._id)?.rank ?? ranked.length, of: ranked.length }
  }
})
