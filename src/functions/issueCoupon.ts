import { db } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { issueFromTemplate } from './_lib/coupons-issue'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CouponTemplateDoc, FanDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { couponView } from './_lib/views'

/** A manager gives a coupon to the fan whose member code they were shown (the shopper's "me" page). */
export const main = defineFunction('issueCoupon', async ({ templateId, memberCode, requestId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const now = Date.now()
  const [template, fanRes] = await Promise.all([
    getDoc<CouponTemplateDoc>('couponTemplates', templateId),
    db.collection('fans').where({ memberCode: memberCode.toUpperCase() }).limit(1).get()
  ])
  if (!template) throw new AppError('NOT_FOUND', '券模板不存在')
  const fan = fanRes.data[0] as FanDoc | undefined
  if (!fan) throw new AppError('NOT_FOUND', `没有会员码为 ${memberCode.toUpperCase()} 的顾客`)
  const scope = managerStoreScope(caller.staff)
  if (scope && (template.storeIds === null || template.storeIds.some((id) => !scope.includes(id)))) {
    throw new AppError('FORBIDDEN', '门店店长只能发放仅限自己门店使用的券')
  }
  const { coupon, created } = await issueFromTemplate(template, fan, `manual:${requestId}`, caller.staff._id, now)
  return { coupon: couponView(coupon, now), created }
})
