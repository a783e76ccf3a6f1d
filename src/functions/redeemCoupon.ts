import { normalizeCouponCode } from '../domain/coupon-rules'
import { couponNotFound } from './_lib/coupons'
import { redeemOnce, UNDO_WINDOW_MS } from './_lib/coupons-redeem'
import { countersSeen } from './_lib/counters'
import { defineFunction } from './_lib/define'
import { limitsOf, requireTillSlots } from './_lib/rate-limit'
import { AppError } from './_lib/errors'
import { readTill, type TillCaller } from './_lib/till-read'
import { couponView } from './_lib/views'

export const main = defineFunction(
  'redeemCoupon',
  async ({ code, amountFen }, caller: TillCaller) => {
    // The contract already lets only active staff and managers in; the store check is in the rules.
    const staff = caller.staff
    if (!staff) throw new AppError('FORBIDDEN')
    const now = Date.now()
    await requireTillSlots(staff._id, code, limitsOf(caller.settings), now, caller.rateRows)
    countersSeen(caller.dayKey, caller.counterIds)
    const found = caller.coupon
    if (!found) throw couponNotFound(normalizeCouponCode(code) ?? code)
    const amount = amountFen ?? null
    const { templatePaused, history, owner } = caller
    const { coupon, redemption } = await redeemOnce(found, staff, { amountFen: amount, templatePaused, now, history, owner })
    return {
      redemptionId: redemption._id,
      coupon: couponView(coupon, now),
      amountFen: amount,
      saleRecorded: redemption.saleId !== null,
      at: now,
      undoUntil: now + UNDO_WINDOW_MS
    }
  },
  // staff, settings, the coupon, its template and its fan's purchase history in one request (#20)
  { caller: (openid, { code }) => readTill(openid, code) }
)
