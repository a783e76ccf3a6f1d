import type { TemplateFields, TemplateView } from '../../contract/coupons'
import { fixedDays } from '../../domain/coupon-rules'
import { db, _ } from './cloud'
import type { CouponTemplateDoc, StaffDoc, StoreDoc } from './docs'
import { AppError } from './errors'
import { managerStoreScope } from './caller'

export const templateView = (t: CouponTemplateDoc, redeemed: number): TemplateView => ({
  templateId: t._id,
  title: t.title,
  kind: t.kind,
  value: t.value,
  thresholdFen: t.thresholdFen,
  validity: t.validity,
  stock: t.stock,
  perFanLimit: t.perFanLimit,
  trigger: t.trigger,
  storeIds: t.storeIds,
  paused: t.paused,
  issued: t.issued,
  redeemed
})

/** Redeemed coupons of one template: a count on the (templateId, redeemedAt) index, never a scan. */
export async function redeemedCount(templateId: string): Promise<number> {
  return (
    await db
      .collection('coupons')
      .where({ templateId, redeemedAt: _.gt(0) })
      .count()
  ).total
}

/** Rules the schema cannot express alone; each refusal names the field a manager has to fix. */
export function checkFields(f: TemplateFields): TemplateFields {
  if (f.kind === 'amount_off' && f.value < 1) throw new AppError('INVALID_INPUT', '减免金额至少 ¥0.01')
  if (f.kind === 'amount_off' && f.thresholdFen > 0 && f.value > f.thresholdFen) throw new AppError('INVALID_INPUT', '减免金额不能超过使用门槛')
  if (f.kind === 'percent_off' && (f.value < 10 || f.value > 99)) throw new AppError('INVALID_INPUT', '折扣须在 1 折到 9.9 折之间（填 10–99）')
  const validity = f.validity.type === 'fixed' ? { type: 'fixed' as const, ...fixedDays(f.validity) } : f.validity
  if (validity.type === 'fixed' && validity.from > validity.until) throw new AppError('INVALID_INPUT', '有效期的结束日期不能早于开始日期')
  return { ...f, validity, value: f.kind === 'gift' ? 0 : f.value }
}

/**
 * A brand manager may set any template; a store manager only templates limited to stores they manage,
 * so one store's promotion never reaches another store's till.
 */
export async function checkStores(manager: StaffDoc, storeIds: string[] | null, existing: CouponTemplateDoc | null): Promise<void> {
  const scope = managerStoreScope(manager)
  const outside = (ids: string[] | null) => scope !== null && (ids === null || ids.some((id) => !scope.includes(id)))
  if (outside(storeIds) || (existing && outside(existing.storeIds))) throw new AppError('FORBIDDEN', '门店店长只能设置仅限自己门店使用的券')
  if (storeIds === null) return
  const res = await db
    .collection('stores')
    .where({ _id: _.in(storeIds) })
    .limit(100)
    .get()
  const known = new Set((res.data as StoreDoc[]).map((s) => s._id))
  const unknown = storeIds.filter((id) => !known.has(id))
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `没有这些门店：${unknown.join('、')}`)
}
