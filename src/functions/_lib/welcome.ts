import { couponCodeFor, couponIdFor } from '../../domain/codes'
import { validityWindow } from '../../domain/coupon-validity'
import { db, _ } from './cloud'
import type { CouponDoc, CouponTemplateDoc } from './docs'

/** The active welcome template that applies at this store, if any, among the brand's welcome templates. */
export const welcomeFor = (templates: readonly CouponTemplateDoc[], storeId: string): CouponTemplateDoc | null =>
  templates.find((t) => t.trigger === 'welcome' && t.paused === false && (t.storeIds === null || t.storeIds.includes(storeId))) ?? null

/**
 * Take one unit of stock with a conditional update: it succeeds only while issued < stock, and the
 * database applies it atomically, so concurrent issuers can never exceed the stock.
 */
export async function reserveStock(t: CouponTemplateDoc): Promise<boolean> {
  if (t.stock === null) return true
  const res = await db
    .collection('couponTemplates')
    .where({ _id: t._id, issued: _.lt(t.stock) })
    .update({ data: { issued: _.inc(1) } })
  return res.stats.updated === 1
}

export async function releaseStock(t: CouponTemplateDoc): Promise<void> {
  if (t.stock !== null)
    await db
      .collection('couponTemplates')
      .doc(t._id)
      .update({ data: { issued: _.inc(-1) } })
}

export function newCoupon(
  t: CouponTemplateDoc,
  fanId: string,
  occasion: string,
  ctx: { at: number; storeId: string; ownerStaffId: string | null; by: string; seed?: string }
): CouponDoc {
  const _id = couponIdFor(ctx.seed ?? fanId, t._id, occasion)
  return {
    _id,
    code: couponCodeFor(_id),
    fanId,
    templateId: t._id,
    title: t.title,
    kind: t.kind,
    value: t.value,
    thresholdFen: t.thresholdFen,
    ...validityWindow(t.validity, ctx.at),
    storeIds: t.storeIds,
    issuedAt: ctx.at,
    issuedBy: ctx.by,
    occasion,
    storeId: ctx.storeId,
    ownerStaffId: ctx.ownerStaffId,
    redeemedAt: null
  }
}
