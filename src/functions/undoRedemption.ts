import { undoOnce } from './_lib/coupons-redeem'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { couponView } from './_lib/views'

export const main = defineFunction('undoRedemption', async ({ redemptionId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const now = Date.now()
  const coupon = await undoOnce(redemptionId, caller.staff, now)
  return { coupon: couponView(coupon, now), undoneAt: now }
})
