import { chinaDayKey } from '../../domain/china-time'
import type { CounterDoc, CouponDoc, RedemptionDoc, SaleDoc } from '../../functions/_lib/docs'
import type { PurchaseSummaryDoc } from '../../functions/_lib/sales-docs'
import { STAFF } from './brand'

type Bump = (dayKey: string, storeId: string, staffId: string | null, f: (c: CounterDoc) => void) => void

/** The first staff member of a store: who served a demo redemption of a store-owned fan. */
const storeStaff = (storeId: string) => STAFF.find((s) => s.storeId === storeId && s.role === 'staff')?._id ?? 'sf01'

/**
 * What the event paths write besides the events themselves, derived from the demo's coupons and sales the
 * way redeemCoupon and recordSale derive them: a redemption record per redeemed coupon, first-purchase and
 * repurchase counters on each sale's row, and each buyer's purchase summary.
 */
export function deriveFromEvents(coupons: CouponDoc[], sales: SaleDoc[], bump: Bump): { redemptions: RedemptionDoc[]; fanPurchases: PurchaseSummaryDoc[] } {
  const redemptions: RedemptionDoc[] = []
  for (const c of coupons) {
    if (c.redeemedAt === null) continue
    const servingStaffId = c.ownerStaffId ?? storeStaff(c.storeId)
    const dayKey = chinaDayKey(c.redeemedAt)
    const r: RedemptionDoc = {
      _id: `rd_${c._id}_1`,
      couponId: c._id,
      templateId: c.templateId,
      fanId: c.fanId,
      storeId: c.storeId,
      servingStaffId,
      ownerStaffId: c.ownerStaffId,
      amountFen: null,
      saleId: null,
      at: c.redeemedAt,
      dayKey,
      undoneAt: null,
      undoneBy: null
    }
    Object.assign(c, { redemptionId: r._id, redemptions: 1 })
    redemptions.push(r)
    bump(dayKey, c.storeId, servingStaffId, (row) => (row.couponsRedeemed = (row.couponsRedeemed ?? 0) + 1))
  }
  const summaries = new Map<string, PurchaseSummaryDoc>()
  for (const s of [...sales].sort((a, b) => a.at - b.at)) {
    const prior = summaries.get(s.fanId)
    const repurchase = prior !== undefined
    summaries.set(s.fanId, {
      _id: s.fanId,
      purchases: (prior?.purchases ?? 0) + 1,
      totalFen: (prior?.totalFen ?? 0) + s.amountFen,
      firstPurchaseAt: prior?.firstPurchaseAt ?? s.at,
      lastPurchaseAt: s.at,
      firstStoreId: prior?.firstStoreId ?? s.storeId
    })
    bump(s.dayKey, s.storeId, s.servingStaffId, (row) => {
      row.sales = (row.sales ?? 0) + 1
      row.salesFen = (row.salesFen ?? 0) + s.amountFen
      if (repurchase) {
        row.repurchases = (row.repurchases ?? 0) + 1
        row.repurchaseFen = (row.repurchaseFen ?? 0) + s.amountFen
      } else row.firstPurchases = (row.firstPurchases ?? 0) + 1
    })
  }
  return { redemptions, fanPurchases: [...summaries.values()] }
}
