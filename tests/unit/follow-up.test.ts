import { chinaDayStart, DAY_MS } from '../../src/domain/china-time'
import { chinaDaysBetween, chinaMonth, dueFollowUps, followUpLabel, repurchasedAfter, type FollowUpFacts } from '../../src/domain/follow-up'

// 2027-03-10 00:00 in China is 2027-03-09 16:00 UTC: the China day turns 8 hours before the UTC one.
const MIDNIGHT = Date.UTC(2027, 2, 9, 16)
const NOON = MIDNIGHT + 12 * 3600_000
const facts = (over: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  createdAt: NOON - 100 * DAY_MS,
  purchases: 1,
  lastPurchaseAt: NOON - 1 * DAY_MS,
  birthMonth: null,
  coupons: [],
  done: new Set(),
  ...over
})
const reasons = (f: FollowUpFacts, now = NOON) => dueFollowUps(f, now).map((d) => d.reason)

describe('China days', () => {
  it('counts calendar days in China, turning at 16:00 UTC', () => {
    expect(chinaDaysBetween(MIDNIGHT - 1, MIDNIGHT)).toBe(1)
    expect(chinaDaysBetween(MIDNIGHT, MIDNIGHT + DAY_MS - 1)).toBe(0)
    expect(chinaDayStart(NOON)).toBe(MIDNIGHT)
    expect(chinaMonth(Date.UTC(2027, 1, 28, 15, 59))).toBe(2)
    expect(chinaMonth(Date.UTC(2027, 1, 28, 16, 0))).toBe(3)
  })
})

describe('dueFollowUps', () => {
  it('nothing is due for a fan who bought yesterday', () => {
    expect(reasons(facts())).toEqual([])
  })

  it('a lapse of 30 China days starts at China midnight, whatever the hour of the purchase', () => {
    // the last millisecond of the China day 30 days back: 30 days; the first of 29 days back: 29
    expect(reasons(facts({ lastPurchaseAt: MIDNIGHT - 29 * DAY_MS - 1 }))).toEqual(['lapsed_30'])
    expect(reasons(facts({ lastPurchaseAt: MIDNIGHT - 29 * DAY_MS }))).toEqual([])
    // seen a minute before China midnight, the same purchase is not yet 30 days old
    expect(reasons(facts({ lastPurchaseAt: MIDNIGHT - 29 * DAY_MS - 1 }), MIDNIGHT - 60_000)).toEqual([])
  })

  it('60 days replaces 30 days, and a 30-day follow-up done does not hide the 60-day one', () => {
    const last = MIDNIGHT - 59 * DAY_MS - 1
    expect(dueFollowUps(facts({ lastPurchaseAt: last }), NOON)).toEqual([{ reason: 'lapsed_60', key: `lapsed60:${last}`, days: 60 }])
    expect(reasons(facts({ lastPurchaseAt: last, done: new Set([`lapsed30:${last}`]) }))).toEqual(['lapsed_60'])
    expect(reasons(facts({ lastPurchaseAt: last, done: new Set([`lapsed60:${last}`]) }))).toEqual([])
  })

  it('a coupon expiring today or within the next 3 China days is due; the 4th day is not; an expired one is not', () => {
    const endOfDay = (n: number) => MIDNIGHT + (n + 1) * DAY_MS - 1
    expect(reasons(facts({ coupons: [{ couponId: 'c3', validUntil: endOfDay(3) }] }))).toEqual(['coupon_expiring'])
    expect(reasons(facts({ coupons: [{ couponId: 'c4', validUntil: endOfDay(4) }] }))).toEqual([])
    expect(reasons(facts({ coupons: [{ couponId: 'old', validUntil: NOON - 1 }] }))).toEqual([])
    const two = dueFollowUps(
      facts({
        coupons: [
          { couponId: 'late', validUntil: endOfDay(2) },
          { couponId: 'soon', validUntil: endOfDay(0) }
        ]
      }),
      NOON
    )
    expect(two).toEqual([{ reason: 'coupon_expiring', key: 'coupon:soon', days: 0 }])
    // once the soonest is followed up, the next one comes up
    expect(
      dueFollowUps(
        facts({
          coupons: [
            { couponId: 'late', validUntil: endOfDay(2) },
            { couponId: 'soon', validUntil: endOfDay(0) }
          ],
          done: new Set(['coupon:soon'])
        }),
        NOON
      )[0].key
    ).toBe('coupon:late')
  })

  it('the birthday month is the China month, once per month', () => {
    expect(reasons(facts({ birthMonth: 3 }))).toEqual(['birthday'])
    // 2027-02-28 16:30 UTC is already March 1st in China; 15:30 UTC is still February
    expect(reasons(facts({ birthMonth: 3 }), Date.UTC(2027, 1, 28, 16, 30))).toEqual(['birthday'])
    expect(reasons(facts({ birthMonth: 3 }), Date.UTC(2027, 1, 28, 15, 30))).toEqual([])
    expect(reasons(facts({ birthMonth: 3, done: new Set(['birthday:2027-03']) }))).toEqual([])
    expect(reasons(facts({ birthMonth: null }))).toEqual([])
  })

  it('a new fan with no purchase is due from the 7th to the 30th China day after the first visit', () => {
    const fresh = (createdAt: number) => facts({ createdAt, purchases: 0, lastPurchaseAt: null })
    expect(reasons(fresh(MIDNIGHT - 6 * DAY_MS - 1))).toEqual(['new_no_purchase'])
    expect(reasons(fresh(MIDNIGHT - 6 * DAY_MS))).toEqual([])
    // and stops being "new" after 30 China days
    expect(reasons(fresh(MIDNIGHT - 29 * DAY_MS - 1))).toEqual(['new_no_purchase'])
    expect(reasons(fresh(MIDNIGHT - 30 * DAY_MS - 1))).toEqual([])
    expect(reasons(facts({ createdAt: MIDNIGHT - 20 * DAY_MS, purchases: 0, lastPurchaseAt: null, done: new Set(['new']) }))).toEqual([])
  })

  it('orders several reasons by urgency and labels them in Chinese', () => {
    const all = dueFollowUps(facts({ lastPurchaseAt: MIDNIGHT - 70 * DAY_MS, birthMonth: 3, coupons: [{ couponId: 'c', validUntil: NOON + DAY_MS }] }), NOON)
    expect(all.map((d) => d.reason)).toEqual(['lapsed_60', 'coupon_expiring', 'birthday'])
    expect(all.map(followUpLabel)).toEqual(['70 天没有消费（超过 60 天）', '有优惠券 1 天后到期', '本月（3 月）生日'])
  })
})

describe('repurchasedAfter', () => {
  it('needs a second purchase at or after the moment', () => {
    expect(repurchasedAfter({ purchases: 2, lastPurchaseAt: 100 }, 100)).toBe(true)
    expect(repurchasedAfter({ purchases: 2, lastPurchaseAt: 99 }, 100)).toBe(false)
    expect(repurchasedAfter({ purchases: 1, lastPurchaseAt: 200 }, 100)).toBe(false)
    expect(repurchasedAfter(null, 100)).toBe(false)
  })
})
