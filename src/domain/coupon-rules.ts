import { CHINA_OFFSET_MS, chinaDayStart, DAY_MS } from './china-time'

/**
 * Whether a coupon may be issued or redeemed: pure, so every rule is tested as a table. Cloud functions
 * read the documents, call these, and turn a refusal into an error (or, for a preview, into data).
 */
export type RedeemRefusal = 'used' | 'expired' | 'not_started' | 'paused' | 'store_not_accepted' | 'threshold'
export type IssueRefusal = 'paused' | 'ended' | 'per_fan_limit' | 'out_of_stock'

export interface RedeemableCoupon {
  redeemedAt: number | null
  validFrom: number
  validUntil: number
  storeIds: string[] | null
  thresholdFen: number
}

export interface RedeemContext {
  now: number
  storeId: string
  templatePaused: boolean
  /** the sale amount when the till gives one; without it the staff member vouches for the threshold */
  amountFen?: number | null
}

/** Checked in this order so the most final reason wins: a used coupon is "used" even once it expired. */
export function redeemRefusal(c: RedeemableCoupon, ctx: RedeemContext): RedeemRefusal | null {
  if (c.redeemedAt !== null) return 'used'
  if (ctx.now > c.validUntil) return 'expired'
  if (ctx.now < c.validFrom) return 'not_started'
  if (ctx.templatePaused) return 'paused'
  if (c.storeIds !== null && !c.storeIds.includes(ctx.storeId)) return 'store_not_accepted'
  if (ctx.amountFen != null && ctx.amountFen < c.thresholdFen) return 'threshold'
  return null
}

export interface IssuableTemplate {
  paused: boolean
  validity: { type: 'days'; days: number } | { type: 'fixed'; from: number; until: number }
  stock: number | null
  issued: number
  perFanLimit: number
}

/** `issued` is only a hint here: the stock itself is taken with a conditional update that cannot overshoot. */
export function issueRefusal(t: IssuableTemplate, ctx: { now: number; heldByFan: number }): IssueRefusal | null {
  if (t.paused) return 'paused'
  if (t.validity.type === 'fixed' && ctx.now > t.validity.until) return 'ended'
  if (ctx.heldByFan >= t.perFanLimit) return 'per_fan_limit'
  if (t.stock !== null && t.issued >= t.stock) return 'out_of_stock'
  return null
}

/**
 * Fixed dates are whole China days: "valid until 2026-12-31" means through 23:59:59.999 that day in China,
 * whatever instant inside the day the form sent.
 */
export function fixedDays(v: { from: number; until: number }): { from: number; until: number } {
  return { from: chinaDayStart(v.from), until: chinaDayStart(v.until) + DAY_MS - 1 }
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`
/** 'YYYY-MM-DD HH:mm' in China time; functions run in UTC. */
export const chinaMinute = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')

/** What the staff member reads at the till: the reason, with the date or amount that decides it. */
export function redeemRefusalMessage(r: RedeemRefusal, c: RedeemableCoupon, amountFen?: number | null): string {
  switch (r) {
    case 'used':
      return `这张券已于 ${chinaMinute(c.redeemedAt ?? 0)} 使用，不能重复核销`
    case 'expired':
      return `这张券已于 ${chinaMinute(c.validUntil)} 过期`
    case 'not_started':
      return `这张券 ${chinaMinute(c.validFrom)} 起才能使用`
    case 'paused':
      return '这张券所属的活动已暂停，暂不能核销'
    case 'store_not_accepted':
      return '这张券不适用于本门店'
    case 'threshold':
      return `消费满${yuan(c.thresholdFen)}才能使用，本单${yuan(amountFen ?? 0)}`
  }
}

export const ISSUE_REFUSAL_MESSAGE: Record<IssueRefusal, string> = {
  paused: '该券模板已暂停发放',
  ended: '该券的活动已结束',
  per_fan_limit: '该顾客已达到此券的每人限领数量',
  out_of_stock: '该券已发完（库存不足）'
}

// Crockford base32 as minted by couponCodeFor: people type O for 0 and I or L for 1.
const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/

/** The 8-character till code from what was typed or scanned, or null if it cannot be one. */
export function normalizeCouponCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return CODE_PATTERN.test(code) ? code : null
}
