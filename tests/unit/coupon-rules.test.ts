import { validityWindow } from '../../src/domain/coupon-validity'
import {
  fixedDays,
  issueRefusal,
  normalizeCouponCode,
  redeemRefusal,
  redeemRefusalMessage,
  type IssuableTemplate,
  type RedeemableCoupon
} from '../../src/domain/coupon-rules'

// China midnight between 2026-12-31 and 2027-01-01 is 2026-12-31 16:00 UTC.
const MIDNIGHT_INTO_2027 = Date.UTC(2026, 11, 31, 16)
const END_OF_2026_CN = MIDNIGHT_INTO_2027 - 1
const until2026 = fixedDays({ from: Date.UTC(2026, 11, 1, 3), until: Date.UTC(2026, 11, 31, 3) })

const coupon = (over: Partial<RedeemableCoupon> = {}): RedeemableCoupon => ({
  redeemedAt: null,
  validFrom: until2026.from,
  validUntil: until2026.until,
  storeIds: null,
  thresholdFen: 3000,
  ...over
})
const at = (now: number, over: { storeId?: string; templatePaused?: boolean; amountFen?: number | null } = {}) => ({
  now,
  storeId: 'st01',
  templatePaused: false,
  ...over
})
const NOON = Date.UTC(2026, 11, 15, 4)

describe('fixed dates are whole China days', () => {
  it('"until 2026-12-31" ends at 23:59:59.999 China time and starts at 00:00 China time', () => {
    expect(until2026).toEqual({ from: Date.UTC(2026, 10, 30, 16), until: END_OF_2026_CN })
  })
})

describe('redeemRefusal (who may use which coupon, when)', () => {
  it.each<[string, RedeemableCoupon, ReturnType<typeof at>, ReturnType<typeof redeemRefusal>]>([
    ['usable in the middle of its window', coupon(), at(NOON), null],
    ['usable at 23:59:59.999 China time on its last day', coupon(), at(END_OF_2026_CN), null],
    ['expired one millisecond later (00:00 China time next day)', coupon(), at(MIDNIGHT_INTO_2027), 'expired'],
    ['expired although 2026-12-31 is still the UTC date', coupon(), at(Date.UTC(2026, 11, 31, 20)), 'expired'],
    ['not started at 23:59:59.999 China time the day before', coupon(), at(until2026.from - 1), 'not_started'],
    ['usable from 00:00 China time on its first day', coupon(), at(until2026.from), null],
    ['used wins over every other reason', coupon({ redeemedAt: NOON, storeIds: ['st09'] }), at(MIDNIGHT_INTO_2027, { templatePaused: true }), 'used'],
    ['expired wins over a paused template', coupon(), at(MIDNIGHT_INTO_2027, { templatePaused: true }), 'expired'],
    ['paused template', coupon(), at(NOON, { templatePaused: true }), 'paused'],
    ['a store on the list', coupon({ storeIds: ['st02', 'st01'] }), at(NOON), null],
    ['a store not on the list', coupon({ storeIds: ['st02'] }), at(NOON), 'store_not_accepted'],
    ['every store when the list is null', coupon({ storeIds: null }), at(NOON, { storeId: 'st06' }), null],
    ['amount exactly at the threshold', coupon(), at(NOON, { amountFen: 3000 }), null],
    ['amount one fen under the threshold', coupon(), at(NOON, { amountFen: 2999 }), 'threshold'],
    ['no amount given: the staff member vouches for the threshold', coupon(), at(NOON, { amountFen: null }), null],
    ['no threshold: any amount', coupon({ thresholdFen: 0 }), at(NOON, { amountFen: 1 }), null]
  ])('%s', (_name, c, ctx, expected) => {
    expect(redeemRefusal(c, ctx)).toBe(expected)
  })

  it('"N days" coupons issued a minute before China midnight already count that day', () => {
    const issuedAt = MIDNIGHT_INTO_2027 - 60_000
    const window = validityWindow({ type: 'days', days: 1 }, issuedAt)
    const c = coupon({ ...window })
    expect(redeemRefusal(c, at(END_OF_2026_CN))).toBeNull()
    expect(redeemRefusal(c, at(MIDNIGHT_INTO_2027))).toBe('expired')
  })

  it('says why in China time, with the amounts that decide it', () => {
    expect(redeemRefusalMessage('expired', coupon(), null)).toBe('这张券已于 2026-12-31 23:59 过期')
    expect(redeemRefusalMessage('used', coupon({ redeemedAt: Date.UTC(2026, 11, 31, 17, 5) }))).toBe('这张券已于 2027-01-01 01:05 使用，不能重复核销')
    expect(redeemRefusalMessage('threshold', coupon(), 2500)).toBe('消费满¥30.00才能使用，本单¥25.00')
    expect(redeemRefusalMessage('not_started', coupon())).toBe('这张券 2026-12-01 00:00 起才能使用')
  })
})

const template = (over: Partial<IssuableTemplate> = {}): IssuableTemplate => ({
  paused: false,
  validity: { type: 'days', days: 7 },
  stock: 100,
  issued: 0,
  perFanLimit: 1,
  ...over
})

describe('issueRefusal (whether one more coupon may be issued)', () => {
  it.each<[string, IssuableTemplate, number, number, ReturnType<typeof issueRefusal>]>([
    ['a fresh template', template(), NOON, 0, null],
    ['the fan already holds the one allowed', template(), NOON, 1, 'per_fan_limit'],
    ['a limit of 3, the fan holds 2', template({ perFanLimit: 3 }), NOON, 2, null],
    ['a limit of 3, the fan holds 3', template({ perFanLimit: 3 }), NOON, 3, 'per_fan_limit'],
    ['the 100th of 100', template({ issued: 99 }), NOON, 0, null],
    ['the 101st of 100', template({ issued: 100 }), NOON, 0, 'out_of_stock'],
    ['no stock limit', template({ stock: null, issued: 1_000_000 }), NOON, 0, null],
    ['paused', template({ paused: true }), NOON, 0, 'paused'],
    ['fixed dates, last China day', template({ validity: { type: 'fixed', ...until2026 } }), END_OF_2026_CN, 0, null],
    ['fixed dates, after the last China day', template({ validity: { type: 'fixed', ...until2026 } }), MIDNIGHT_INTO_2027, 0, 'ended']
  ])('%s', (_name, t, now, heldByFan, expected) => {
    expect(issueRefusal(t, { now, heldByFan })).toBe(expected)
  })
})

describe('normalizeCouponCode (what is typed at the till)', () => {
  it.each([
    ['7K3MPQ2R', '7K3MPQ2R'],
    [' 7k3m-pq2r ', '7K3MPQ2R'],
    ['7K3MPQ2O', '7K3MPQ20'],
    ['IK3MPQ2L', '1K3MPQ21'],
    ['7K3MPQ2', null],
    ['7K3MPQ2RX', null],
    ['7K3MPQ2U', null],
    ['7K3MPQ2!', null]
  ])('%s → %s', (raw, expected) => {
    expect(normalizeCouponCode(raw)).toBe(expected)
  })
})
