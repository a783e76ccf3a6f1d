import { createHash } from 'node:crypto'

// Crockford base32 without I, L, O, U: what a person types at a till from a printed code.
const HUMAN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A deterministic short code: same seed, same code; collisions need 2^(5·length) tries. */
export function humanCode(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest()
  let out = ''
  for (let i = 0; i < length; i++) out += HUMAN_ALPHABET[digest[i] % 32]
  return out
}

/** Member code shown on the shopper's "me" page: 10 characters, ~50 bits. */
export const memberCodeFor = (openid: string) => humanCode(`member:${openid}`, 10)

/** Coupon id for one fan, template and occasion: the primary key makes issuing idempotent. */
export const couponIdFor = (fanId: string, templateId: string, occasion: string) => `cp_${humanCode(`coupon:${fanId}:${templateId}:${occasion}`, 16)}`

/** The 8-character code typed at the till. */
export const couponCodeFor = (couponId: string) => humanCode(`code:${couponId}`, 8)
