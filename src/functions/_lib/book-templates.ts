import { db, _ } from './cloud'
import type { CouponTemplateDoc, StaffDoc } from './docs'

/**
 * Templates a staff member may hand out in a follow-up: manual and win-back ones (welcome and group coupons
 * have their own occasions), not paused, valid at the staff member's store.
 */
export async function followUpTemplates(staff: StaffDoc): Promise<CouponTemplateDoc[]> {
  const res = await db
    .collection('couponTemplates')
    .where({ trigger: _.in(['manual', 'win_back']), paused: false })
    .limit(100)
    .get()
  return (res.data as CouponTemplateDoc[]).filter((t) => t.storeIds === null || t.storeIds.includes(staff.storeId))
}
