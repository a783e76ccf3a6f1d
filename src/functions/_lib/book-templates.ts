import { db, _ } from './cloud'
import type { CouponTemplateDoc } from './docs'

/**
 * Templates a staff member may hand out in a follow-up: manual and win-back ones (welcome and group coupons
 * have their own occasions), not paused, valid at the store (the fan's, or the staff member's for a list).
 */
export async function followUpTemplates(storeId: string): Promise<CouponTemplateDoc[]> {
  const res = await db
    .collection('couponTemplates')
    .where({ trigger: _.in(['manual', 'win_back']), paused: false })
    .limit(100)
    .get()
  // a sold-out template is not offered (the issue itself still checks, the count here is only a hint)
  return (res.data as CouponTemplateDoc[]).filter((t) => (t.storeIds === null || t.storeIds.includes(storeId)) && (t.stock === null || t.issued < t.stock))
}
