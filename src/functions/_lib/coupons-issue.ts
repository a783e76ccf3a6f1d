import { chinaDayKey } from '../../domain/china-time'
import { couponIdFor } from '../../domain/codes'
import { issueRefusal, ISSUE_REFUSAL_MESSAGE } from '../../domain/coupon-rules'
import { db } from './cloud'
import { bumpCounter, counterReady, counterUpdate } from './counters'
import { untilSettled } from './coupons'
import { getDoc } from './data'
import type { CouponDoc, CouponTemplateDoc, FanDoc } from './docs'
import { AppError, isDuplicateWrite } from './errors'
import { releaseFanShare, reserveFanShare } from './coupons-holds'
import { newCoupon, releaseStock, reserveStock } from './welcome'

/**
 * The same occasion holds a place: a repeat of this very request is issuing it (or it failed and gives
 * the place back). Wait briefly for its coupon; past that the caller may simply send the request again.
 */
async function issuedBySameRequest(id: string): Promise<CouponDoc> {
  for (let i = 0; i < 40; i++) {
    const c = await getDoc<CouponDoc>('coupons', id)
    if (c) return c
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 25))
  }
  throw new AppError('BUSY')
}

export interface Issued {
  coupon: CouponDoc
  created: boolean
}

/**
 * Issues one coupon of `t` to `fan` for one occasion (e.g. 'manual:<requestId>', 'winback:<dayKey>').
 * Idempotent: the coupon id is derived from fan, template and occasion, so a repeat answers the first
 * coupon. Stock and the fan's share of the template are each taken by a conditional update that cannot
 * overshoot (the share on a per-fan-per-template hold row, so 100 occasions racing for one fan get exactly
 * perFanLimit), and both are given back if the write fails.
 */
export async function issueFromTemplate(t: CouponTemplateDoc, fan: FanDoc, occasion: string, by: string, now: number): Promise<Issued> {
  // a returning former fan's coupons derive from their fresh seed: a deleted coupon's code never comes back
  const id = couponIdFor(fan.codeSeed ?? fan._id, t._id, occasion)
  const existing = await getDoc<CouponDoc>('coupons', id)
  if (existing) return { coupon: existing, created: false }
  const refusal = issueRefusal(t, { now, heldByFan: 0 })
  if (refusal) throw new AppError('CONFLICT', ISSUE_REFUSAL_MESSAGE[refusal])
  const place = await reserveFanShare(t, fan._id, occasion)
  if (place.kind === 'same_occasion') return { coupon: await issuedBySameRequest(id), created: false }
  if (place.kind === 'full') throw new AppError('CONFLICT', ISSUE_REFUSAL_MESSAGE.per_fan_limit)
  if (!(await reserveStock(t))) {
    await releaseFanShare(t, fan._id, place.slot)
    throw new AppError('CONFLICT', ISSUE_REFUSAL_MESSAGE.out_of_stock)
  }

  const coupon: CouponDoc = {
    ...newCoupon(t, fan._id, occasion, { at: now, storeId: fan.lastStoreId, ownerStaffId: fan.ownerStaffId, by, seed: fan.codeSeed }),
    slot: place.slot
  }
  let committed = false
  try {
    // Issued by the brand, not a staff member: counted on the store's '-' row.
    await counterReady({ dayKey: chinaDayKey(now), storeId: coupon.storeId, staffId: null })
    await untilSettled((shard) =>
      db.runTransaction(async (tx) => {
        await tx.collection('coupons').add({ data: coupon })
        await bumpCounter(tx, { dayKey: chinaDayKey(now), storeId: coupon.storeId, staffId: null }, counterUpdate({ couponsIssued: 1 }), shard)
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
    if (!committed) await Promise.all([releaseStock(t), releaseFanShare(t, fan._id, place.slot)])
  }
}
