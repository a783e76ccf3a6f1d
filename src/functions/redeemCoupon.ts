import { couponByCode, pausedTemplates } from './_lib/coupons'
import { redeemOnce, UNDO_WINDOW_MS } from './_lib/coupons-redeem'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { limitsOf, requireTillSlots } from './_lib/rate-limit'
import { AppError } from './_lib/errors'
import { couponView } from './_lib/views'

export const main = defineFunction('redeemCoupon', async ({ code, amountFen }, caller) => {
  // The contract already lets only active staff and managers in; the store check is in the rules.
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const now = Date.now()
  await requireTillSlots(staff._id, code, limitsOf(await getSettings()), now)
  const found = await couponByCode(code)
  // Read outside the transaction: inside, every issue (which bumps the template's stock) would conflict with it.
  const paused = await pausedTemplates([found.templateId])
  const amount = amountFen ?? null
  const { coupon, redemption } = await redeemOnce(found, staff, { amountFen: amount, templatePaused: paused.has(found.templateId), now })
  return {
    redemptionId: redemption._id,
    coupon: couponView(coupon, now),
    amountFen: amount,
    saleRecorded: redemption.saleId !== null,
    at: now,
    undoUntil: now + UNDO_WINDOW_MS
  }
})
