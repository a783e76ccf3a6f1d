import { redeemRefusal, redeemRefusalMessage } from '../domain/coupon-rules'
import { couponByCode, pausedTemplates, walletCoupon } from './_lib/coupons'
import { namesById } from './_lib/reads'
import { getDoc, getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { limitsOf, requireTillSlots } from './_lib/rate-limit'
import type { FanDoc, RedemptionDoc, StaffDoc, StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { staffRef } from './_lib/views'

/** What the till sees before confirming: the coupon, whose it is, and whether it can be used here and now. */
export const main = defineFunction('couponPreview', async ({ code, amountFen }, caller) => {
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const now = Date.now()
  await requireTillSlots(staff._id, code, limitsOf(await getSettings()), now)
  const coupon = await couponByCode(code)
  const [paused, names, fan, store, redemption] = await Promise.all([
    pausedTemplates([coupon.templateId]),
    namesById('stores', [...(coupon.storeIds ?? []), staff.storeId]),
    getDoc<FanDoc>('fans', coupon.fanId),
    getDoc<StoreDoc>('stores', staff.storeId),
    coupon.redemptionId ? getDoc<RedemptionDoc>('redemptions', coupon.redemptionId) : null
  ])
  const [owner, redeemer, redeemStore] = await Promise.all([
    fan?.ownerStaffId ? getDoc<StaffDoc>('staff', fan.ownerStaffId) : null,
    redemption ? getDoc<StaffDoc>('staff', redemption.servingStaffId) : null,
    redemption ? getDoc<StoreDoc>('stores', redemption.storeId) : null
  ])
  const reason = redeemRefusal(coupon, { now, storeId: staff.storeId, templatePaused: paused.has(coupon.templateId), amountFen })
  return {
    coupon: walletCoupon(coupon, now, paused, names),
    fan: fan ? { memberCode: fan.memberCode, visits: fan.visits, ownerStaff: staffRef(owner) } : null,
    storeName: store?.name ?? staff.storeId,
    usable: reason === null,
    reason,
    message: reason ? redeemRefusalMessage(reason, coupon, amountFen) : '可以在本店使用',
    lastRedemption: redemption
      ? { redemptionId: redemption._id, at: redemption.at, staffName: redeemer?.name ?? '', storeName: redeemStore?.name ?? redemption.storeId }
      : null
  }
})
