import { repurchaseFlags, type Purchase } from '../../domain/repurchase'
import { db, _ } from './cloud'
import type { SaleDoc } from './docs'

const PAGE = 1000 // a function's get() never returns more
const MAX_PAGES = 20

/** The scope's sales, oldest first, a page at a time: one get() never returns them all. */
export async function salesInScope(storeIds: string[] | null): Promise<{ sales: SaleDoc[]; truncated: boolean }> {
  const where = storeIds === null ? {} : { storeId: _.in(storeIds) }
  const sales: SaleDoc[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await db
      .collection('sales')
      .where(where)
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .skip(page * PAGE)
      .limit(PAGE)
      .get()
    sales.push(...(res.data as SaleDoc[]))
    if (res.data.length < PAGE) return { sales, truncated: false }
  }
  return { sales, truncated: true }
}

export interface Credit {
  staffId: string
  role: 'owner' | 'serving'
  sales: number
  salesFen: number
  repurchases: number
  repurchaseFen: number
}

/** Sales and repurchase sales credited to the owning staff at the time and to the serving staff. */
export function staffCredits(sales: readonly SaleDoc[]): Credit[] {
  const purchases: Purchase[] = sales.map((s) => ({ fanId: s.fanId, at: s.at, amountFen: s.amountFen }))
  const flags = repurchaseFlags(purchases)
  const credits = new Map<string, Credit>()
  const credit = (staffId: string | null, role: Credit['role'], s: SaleDoc, repurchase: boolean) => {
    if (!staffId) return
    const key = `${role}:${staffId}`
    const c = credits.get(key) ?? { staffId, role, sales: 0, salesFen: 0, repurchases: 0, repurchaseFen: 0 }
    c.sales++
    c.salesFen += s.amountFen
    if (repurchase) {
      c.repurchases++
      c.repurchaseFen += s.amountFen
    }
    credits.set(key, c)
  }
  sales.forEach((s, i) => {
    credit(s.ownerStaffId, 'owner', s, flags[i])
    credit(s.servingStaffId, 'serving', s, flags[i])
  })
  return [...credits.values()].sort((a, b) => b.salesFen - a.salesFen)
}
