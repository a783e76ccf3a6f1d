import { cohortFigures, fanHistories, medianDaysToSecond, repurchaseFlags } from '../domain/repurchase'
import { managerStoreScope } from './_lib/caller'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { namesById } from './_lib/reads'
import { salesInScope, staffCredits } from './_lib/sales-stats'
import { assertManages } from './_lib/scope'

/**
 * Repurchase figures from the sales themselves (coupon, staff and POS alike). Within a store, a fan's first
 * purchase there opens their cohort and later ones there are repurchases; brand-wide, anywhere in the brand.
 */
export const main = defineFunction('repurchaseStats', async ({ storeId, cohort = 'month' }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  if (storeId) assertManages(caller.staff, storeId)
  const scope = storeId ? [storeId] : managerStoreScope(caller.staff)
  const now = Date.now()
  const { sales, truncated } = await salesInScope(scope)
  const purchases = sales.map((s) => ({ fanId: s.fanId, at: s.at, amountFen: s.amountFen }))
  const histories = fanHistories(purchases)
  const flags = repurchaseFlags(purchases)
  const credits = staffCredits(sales)
  const names = await namesById(
    'staff',
    credits.map((c) => c.staffId)
  )
  const repurchasers = histories.filter((h) => h.second !== null).length
  return {
    fans: histories.length,
    repurchasers,
    sales: sales.length,
    salesFen: sales.reduce((n, s) => n + s.amountFen, 0),
    repurchases: flags.filter(Boolean).length,
    repurchaseFen: sales.reduce((n, s, i) => n + (flags[i] ? s.amountFen : 0), 0),
    repurchaseRate: histories.length ? repurchasers / histories.length : null,
    medianDaysToSecond: medianDaysToSecond(histories),
    cohorts: cohortFigures(histories, cohort, now),
    staff: credits.map((c) => ({ ...c, name: names.get(c.staffId) ?? c.staffId })),
    truncated
  }
})
