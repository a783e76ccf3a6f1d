import { repurchaseFlags, type Purchase } from '../../domain/repurchase'
import { db, _ } from './cloud'
import type { SaleDoc } from './docs'

const PAGE = 1000 // a function's get() never returns more
/** Reading stops here and says so (truncated), well inside the function's timeout, rather than at a count. */
const READ_BUDGET_MS = 12_000
const FIELDS = { fanId: true, storeId: true, amountFen: true, at: true, ownerStaffId: true, servingStaffId: true } as const

/**
 * The scope's sales, oldest first, a page at a time (one get() never returns them all) and only the fields
 * the figures use. There is no cap on how many: a brand past 20,000 sales is read whole; only a read that
 * would outlast the function's time stops early, and the answer then says truncated.
 */
export async function salesInScope(storeIds: string[] | null): Promise<{ sales: SaleDoc[]; truncated: boolean }> {
  const where = storeIds === null ? {} : { storeId: _.in(storeIds) }
  const sales: SaleDoc[] = []
  const deadline = Date.now() + READ_BUDGET_MS
  for (let page = 0; ; page++) {
    if (page > 0 && Date.now() > deadline) return { sales, truncated: true }
    const res = await db
      .collection('sales')
      .where(where)
      .field(FIELDS)
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .skip(page * PAGE)
      .limit(PAGE)
      .get()
    sales.push(...(res.data as SaleDoc[]))
    if (res.data.length < PAGE) return { sales, truncated: false }
  }
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
