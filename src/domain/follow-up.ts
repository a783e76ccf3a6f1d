import { CHINA_OFFSET_MS, chinaDayKey, chinaDayStart, DAY_MS } from './china-time'

/**
 * Who is due a follow-up from their staff member, and why. Pure: the functions read a fan's record,
 * purchase summary, usable coupons and the follow-ups already done, and ask this module. Every day
 * count is in whole China days (UTC+8), so "30 days" turns at China midnight, not at UTC midnight.
 */
export type FollowUpReason = 'lapsed_60' | 'lapsed_30' | 'coupon_expiring' | 'birthday' | 'new_no_purchase'

export const LAPSED_SHORT_DAYS = 30
export const LAPSED_LONG_DAYS = 60
/** a coupon expiring today or on one of the next 3 China days */
export const EXPIRING_WITHIN_DAYS = 3
export const NEW_FAN_GRACE_DAYS = 7
/** past this a fan who never bought is no longer "new": the list stays short instead of growing with every old visitor */
export const NEW_FAN_UNTIL_DAYS = 30

export interface FollowUpFacts {
  /** when the fan first checked in */
  createdAt: number
  purchases: number
  lastPurchaseAt: number | null
  /** only when the fan consented to show it */
  birthMonth: number | null
  /** the fan's unused coupons */
  coupons: ReadonlyArray<{ couponId: string; validUntil: number }>
  /** keys of follow-ups already done for this fan */
  done: ReadonlySet<string>
}

export interface DueFollowUp {
  reason: FollowUpReason
  /**
   * What one "done" closes. A lapse is keyed by the last purchase (a new purchase starts a new lapse),
   * a coupon by its id, a birthday by its China month, a new fan once.
   */
  key: string
  /** days since the last purchase or first visit; days left for a coupon; the month for a birthday */
  days: number
}

/** Whole China calendar days from the day of `from` to the day of `to` (0 on the same China day). */
export function chinaDaysBetween(from: number, to: number): number {
  return Math.round((chinaDayStart(to) - chinaDayStart(from)) / DAY_MS)
}

/** 1–12: the China calendar month containing `ms`. */
export function chinaMonth(ms: number): number {
  return new Date(ms + CHINA_OFFSET_MS).getUTCMonth() + 1
}

/** Most pressing first: a long lapse, then a short one, an expiring coupon, a birthday, an unconverted new fan. */
export function dueFollowUps(f: FollowUpFacts, now: number): DueFollowUp[] {
  const due: DueFollowUp[] = []
  const open = (d: DueFollowUp) => {
    if (!f.done.has(d.key)) due.push(d)
  }
  if (f.purchases > 0 && f.lastPurchaseAt !== null) {
    const days = chinaDaysBetween(f.lastPurchaseAt, now)
    // The 60-day reason replaces the 30-day one: one lapse is one row, and a 30-day follow-up already done
    // does not stop the 60-day one from coming up.
    if (days >= LAPSED_LONG_DAYS) open({ reason: 'lapsed_60', key: `lapsed60:${f.lastPurchaseAt}`, days })
    else if (days >= LAPSED_SHORT_DAYS) open({ reason: 'lapsed_30', key: `lapsed30:${f.lastPurchaseAt}`, days })
  }
  const expiring = f.coupons
    .filter((c) => c.validUntil >= now && chinaDaysBetween(now, c.validUntil) <= EXPIRING_WITHIN_DAYS)
    .filter((c) => !f.done.has(`coupon:${c.couponId}`))
    .sort((a, b) => a.validUntil - b.validUntil)[0]
  if (expiring) open({ reason: 'coupon_expiring', key: `coupon:${expiring.couponId}`, days: chinaDaysBetween(now, expiring.validUntil) })
  if (f.birthMonth !== null && f.birthMonth === chinaMonth(now)) {
    open({ reason: 'birthday', key: `birthday:${chinaDayKey(now).slice(0, 7)}`, days: f.birthMonth })
  }
  if (f.purchases === 0) {
    const days = chinaDaysBetween(f.createdAt, now)
    if (days >= NEW_FAN_GRACE_DAYS && days <= NEW_FAN_UNTIL_DAYS) open({ reason: 'new_no_purchase', key: 'new', days })
  }
  return due
}

/** What the staff member reads on the list. */
export function followUpLabel(d: Pick<DueFollowUp, 'reason' | 'days'>): string {
  switch (d.reason) {
    case 'lapsed_60':
      return `${d.days} 天没有消费（超过 60 天）`
    case 'lapsed_30':
      return `${d.days} 天没有消费（超过 30 天）`
    case 'coupon_expiring':
      return d.days === 0 ? '有优惠券今天到期' : `有优惠券 ${d.days} 天后到期`
    case 'birthday':
      return `本月（${d.days} 月）生日`
    case 'new_no_purchase':
      return `成为粉丝 ${d.days} 天，还没有消费`
  }
}

/**
 * The manager's comparison: a followed-up fan counts as brought back when a repurchase (a second or later
 * purchase) came after the follow-up; any other fan when a repurchase fell inside the window.
 */
export function repurchasedAfter(s: { purchases: number; lastPurchaseAt: number | null } | null, since: number): boolean {
  return !!s && s.purchases >= 2 && s.lastPurchaseAt !== null && s.lastPurchaseAt >= since
}

export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
