import { db } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { redeemedCount, templateView } from './_lib/coupons-templates'
import { defineFunction } from './_lib/define'
import type { CouponTemplateDoc, StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

export const main = defineFunction('couponTemplates', async (_input, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const scope = managerStoreScope(caller.staff)
  const [templatesRes, storesRes] = await Promise.all([
    db.collection('couponTemplates').limit(100).get(),
    db.collection('stores').where({ active: true }).limit(100).get()
  ])
  // A store manager sees brand-wide templates and those of their stores, not other stores' promotions.
  const visible = (templatesRes.data as CouponTemplateDoc[]).filter((t) => !scope || t.storeIds === null || t.storeIds.some((id) => scope.includes(id)))
  const redeemed = await Promise.all(visible.map((t) => redeemedCount(t._id)))
  return {
    templates: visible.map((t, i) => templateView(t, redeemed[i])),
    stores: (storesRes.data as StoreDoc[]).map((s) => ({ storeId: s._id, name: s.name }))
  }
})
