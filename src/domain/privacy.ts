import { couponCodeFor, couponIdFor } from './codes'

/**
 * What a shopper's records become when they delete their data (journey 8). Events the counters are
 * recounted from (the fan's first visit, visits, coupons, redemptions, sales, group joins) are kept but
 * re-owned by a tombstone id: random, stored nowhere next to the openid, so nothing leads back to the
 * person, while rebuildCounters still counts exactly what the live counters counted. Every id that was
 * derived from the openid (coupon, redemption, coupon-sale and group-member ids) is re-derived from the
 * tombstone, or the old record could be found again by anyone who knows the openid.
 */
export const TOMBSTONE_PREFIX = 'deleted-'

export const isTombstone = (id: string): boolean => id.startsWith(TOMBSTONE_PREFIX)

/** `deleted-` + hex from a random source (the caller passes crypto bytes: the domain stays pure). */
export const tombstoneId = (randomHex: string): string => `${TOMBSTONE_PREFIX}${randomHex}`

/**
 * Fan fields that describe the store's day rather than the person: newFans and byChannel are recounted
 * from firstStoreId / channel / capturingStaffId / createdAt, and the group share from homeGroupJoinedAt.
 * Everything else (member code, owner, visits, last store, rate-limit windows, held flags) goes.
 */
export const KEPT_FAN_FIELDS = ['firstStoreId', 'channel', 'capturingStaffId', 'createdAt', 'homeGroupJoinedAt', 'returning'] as const

type Doc = Record<string, unknown> & { _id: string }

export function tombstoneFan(fan: Doc, tombstone: string): Doc {
  const kept: Record<string, unknown> = {}
  for (const f of KEPT_FAN_FIELDS) if (fan[f] !== undefined) kept[f] = fan[f]
  return {
    ...kept,
    _id: tombstone,
    // memberCode is unique (a missing one counts as null, and only one may be null). The tombstone is
    // lower-case with a hyphen, and member codes are looked up upper-cased, so no till ever finds it.
    memberCode: tombstone,
    lastStoreId: fan.firstStoreId,
    // no owner: never in a staff member's fan list, team counts or a fan transfer
    ownerStaffId: null,
    boundAt: null,
    lastVisitAt: fan.createdAt,
    visits: 0,
    erased: true
  }
}

/** An id with the old coupon id inside (rd_<coupon>_<n>, sale_<coupon>_<n>) re-derived from the new one. */
export const renamed = (id: string, oldCouponId: string, newCouponId: string): string => id.split(oldCouponId).join(newCouponId)

export interface CouponLike {
  _id: string
  fanId: string
  templateId: string
  occasion: string
  validUntil: number
  redeemedAt: number | null
  redemptionId?: string | null
}

/**
 * The coupon re-owned by the tombstone. A coupon not yet used is voided (its validity ends now): it is
 * worthless without the fan and nobody should redeem it from a noted-down code. It is not deleted, and
 * its template's stock is not given back: couponsIssued is recounted from coupon documents, and a
 * template's `issued` keeps equal to the coupons issued from it.
 */
export function erasedCoupon<C extends CouponLike>(c: C, tombstone: string, now: number): C & { code: string; erased: true } {
  const _id = couponIdFor(tombstone, c.templateId, c.occasion)
  return {
    ...c,
    _id,
    code: couponCodeFor(_id),
    fanId: tombstone,
    redemptionId: c.redemptionId ? renamed(c.redemptionId, c._id, _id) : (c.redemptionId ?? null),
    validUntil: c.redeemedAt === null ? Math.min(c.validUntil, now - 1) : c.validUntil,
    erased: true
  }
}

/** The redemption ids a coupon can have: rd_<coupon>_1 … rd_<coupon>_n (undone ones included). */
export function redemptionIdsOf(c: { _id: string; redemptions?: number; redemptionId?: string | null }): string[] {
  const ids = Array.from({ length: c.redemptions ?? 0 }, (_, i) => `rd_${c._id}_${i + 1}`)
  if (c.redemptionId && !ids.includes(c.redemptionId)) ids.push(c.redemptionId)
  return ids
}
