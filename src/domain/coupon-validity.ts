import { chinaDayKeyStart, chinaDayKey, DAY_MS } from './china-time'

export type Validity = { type: 'days'; days: number } | { type: 'fixed'; from: number; until: number }

/**
 * The window of a coupon issued at `issuedAt`. "N days" counts the issue day as day 1 and ends at
 * 23:59:59.999 China time on day N, which is what a shopper reading "7天有效" expects.
 */
export function validityWindow(validity: Validity, issuedAt: number): { validFrom: number; validUntil: number } {
  if (validity.type === 'fixed') return { validFrom: validity.from, validUntil: validity.until }
  const dayStart = chinaDayKeyStart(chinaDayKey(issuedAt))
  return { validFrom: issuedAt, validUntil: dayStart + validity.days * DAY_MS - 1 }
}

export function couponState(c: { validUntil: number; redeemedAt: number | null }, now: number): 'usable' | 'used' | 'expired' {
  if (c.redeemedAt !== null) return 'used'
  return now > c.validUntil ? 'expired' : 'usable'
}
