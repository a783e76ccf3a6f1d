import { chinaDayKey } from '../../domain/china-time'
import { couponIdFor } from '../../domain/codes'
import { issueRefusal, ISSUE_REFUSAL_MESSAGE } from '../../domain/coupon-rules'
import { db } from './cloud'
import { counterUpdate, ensureCounter } from './counters'
import { untilSettled } from './coupons'
import { getDoc } from './data'
import type { CouponDoc, CouponTemplateDoc, FanDoc } from './docs'
import { AppError, isDuplicateWrite } from './errors'
import { newCoupon, releaseStock, reserveStock } from './welcome'

export interface Issued {
  coupon: CouponDoc
  created: boolean
}

/**
 * Issues one coupon of `t` to `fan` for one occasion (e.g. 'manual:<requestId>', 'winback:<dayKey>').
 * Idempotent: the coupon id is derived from fan, template and occasion, so a repeat answers the first
 * coupon. Stock is taken by a conditional update that cannot overshoot, and given back if the write fails.
 * The per-fan limit is a count: two different occasions for one fan racing could both pass it.
 */
export async function issueFromTemplate(t: CouponTemplateDoc, fan: FanDoc, occasion: string, by: string, now: number): Promise<Issued> {
  const id = couponIdFor(fan._id, t._id, occasion)
  const existing = await getDoc<CouponDoc>('coupons', id)
  if (existing) return { coupon: existing, created: false }
  const held = await db.collection('coupons').where({ fanId: fan._id, templateId: t._id }).count()
  const refusal = issueRefusal(t, { now, heldByFan: held.total })
  if (refusal) throw new AppError('CONFLICT', ISSUE_REFUSAL_MESSAGE[refusal])
  if (!(await reserveStock(t))) throw new AppError('CONFLICT', ISSUE_REFUSAL_MESSAGE.out_of_stock)

  const coupon = newCoupon(t, fan._id, occasion, { at: now, storeId: fan.lastStoreId, ownerStaffId: fan.ownerStaffId, by })
  let committed = false
  try {
    // Issued by the brand, not a staff member: counted on the store's '-' row.
    const counter = await ensureCounter(chinaDayKey(now), coupon.storeId, null)
    await untilSettled(() =>
      db.runTransaction(async (tx) => {
        await tx.collection('coupons').add({ data: coupon })
        await tx
          .collection('counters')
          .doc(counter)
          .update({ data: counterUpdate({ couponsIssued: 1 }) })
      })
    )
    committed = true
    return { coupon, created: true }
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
    // The same request raced itself: the other one issued it.
    const winner = await getDoc<CouponDoc>('coupons', id)
    if (!winner) throw err
    return { coupon: winner, created: false }
  } finally {
    if (!committed) await releaseStock(t)
  }
}
