import type { WalletCoupon } from '../../contract/coupons'
import { normalizeCouponCode } from '../../domain/coupon-rules'
import { db, _ } from './cloud'
import { createCounter, MissingCounter, shardForAttempt } from './counters'
import type { CouponDoc, CouponTemplateDoc } from './docs'
import { AppError, conflictBackoff, isConflict } from './errors'
import { INVALID_COUPON_CODE } from './rate-limit'
import { couponView } from './views'

/** The coupon behind a typed or scanned till code; codes are unique (index code_unique). */
export async function couponByCode(raw: string): Promise<CouponDoc> {
  const code = normalizeCouponCode(raw)
  if (!code) throw new AppError('INVALID_INPUT', INVALID_COUPON_CODE)
  const res = await db.collection('coupons').where({ code }).limit(1).get()
  const coupon = res.data[0] as CouponDoc | undefined
  if (!coupon) throw couponNotFound(code)
  return coupon
}

/** The till's answer for a well-formed code no coupon has (`code` normalized). */
export const couponNotFound = (code: string) => new AppError('NOT_FOUND', `没有券码为 ${code} 的优惠券，请核对后重试`)

/** Paused templates by id, for the coupons at hand (a handful of templates per brand). */
export async function pausedTemplates(templateIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(templateIds)]
  if (ids.length === 0) return new Set()
  const res = await db
    .collection('couponTemplates')
    .where({ _id: _.in(ids) })
    .limit(100)
    .get()
  const found = res.data as CouponTemplateDoc[]
  // A template that no longer exists cannot be paused; its coupons stay as issued.
  return new Set(found.filter((t) => t.paused).map((t) => t._id))
}

export const walletCoupon = (c: CouponDoc, now: number, paused: Set<string>, names: Map<string, string>): WalletCoupon => ({
  ...couponView(c, now),
  redeemedAt: c.redeemedAt,
  storeNames: c.storeIds === null ? null : c.storeIds.map((id) => names.get(id) ?? id),
  paused: paused.has(c.templateId)
})

/**
 * Runs a transaction until it commits or answers a refusal. runTransaction already retries a conflict a
 * few times; a loser that still conflicts runs again here and then sees the winner's write (e.g. "已使用").
 * `attempt` gets the counter shard to bump (the row itself, another shard after a conflict); a shard met
 * missing is created and the same attempt runs again on it, without counting as a conflict.
 */
export async function untilSettled<T>(attempt: (shard: number) => Promise<T>, tries = 6): Promise<T> {
  for (let i = 1, created = 0, shard = 0; ;) {
    try {
      return await attempt(shard)
    } catch (err) {
      if (err instanceof MissingCounter && created++ < 16) {
        await createCounter(err)
        continue
      }
      if (err instanceof AppError || !isConflict(err)) throw err
      if (i >= tries) throw new AppError('BUSY')
      await conflictBackoff(i)
      shard = shardForAttempt(i++)
    }
  }
}
