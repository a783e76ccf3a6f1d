import { chinaDayKeyStart, DAY_MS } from '../../src/domain/china-time'
import {
  assertSaleAmount,
  cohortFigures,
  cohortKey,
  fanHistories,
  medianDaysToSecond,
  repurchaseFlags,
  windowRate,
  type Purchase
} from '../../src/domain/repurchase'

const at = (day: string, hh = 12) => chinaDayKeyStart(day) + hh * 3600_000
const p = (fanId: string, t: number, amountFen = 1000): Purchase => ({ fanId, at: t, amountFen })

describe('cohort keys in China time', () => {
  it('puts 23:59:59.999 and 00:00 China time of the next day in different months', () => {
    const midnight = chinaDayKeyStart('2024-04-01') // 2024-03-31T16:00Z
    expect(cohortKey(midnight - 1, 'month')).toBe('2024-03')
    expect(cohortKey(midnight, 'month')).toBe('2024-04')
    // UTC would still say March 31 for the first eight hours of April in China
    expect(new Date(midnight).toISOString().slice(0, 10)).toBe('2024-03-31')
  })
  it('starts weeks on Monday at China midnight', () => {
    const monday = chinaDayKeyStart('2024-04-08')
    expect(cohortKey(monday, 'week')).toBe('2024-04-08')
    expect(cohortKey(monday - 1, 'week')).toBe('2024-04-01') // Sunday 23:59:59.999
    expect(cohortKey(at('2024-04-14', 23), 'week')).toBe('2024-04-08') // Sunday evening
  })
})

describe('repurchase windows', () => {
  const first = at('2024-01-01')
  const now = first + 200 * DAY_MS
  it('counts a second purchase exactly 30 days later as within 30, one millisecond more as not', () => {
    const onEdge = fanHistories([p('a', first), p('a', first + 30 * DAY_MS)])
    const past = fanHistories([p('b', first), p('b', first + 30 * DAY_MS + 1)])
    expect(windowRate(onEdge, 30, now)).toBe(1)
    expect(windowRate(past, 30, now)).toBe(0)
    expect(windowRate(past, 60, now)).toBe(1)
  })
  it('leaves out fans whose window has not closed yet', () => {
    const h = fanHistories([p('old', first), p('new', now - 10 * DAY_MS)])
    expect(windowRate(h, 30, now)).toBe(0) // only "old" is eligible
    expect(windowRate(fanHistories([p('new', now - 10 * DAY_MS)]), 30, now)).toBeNull()
    expect(windowRate(fanHistories([p('x', now - 30 * DAY_MS)]), 30, now)).toBe(0) // closes exactly now
  })
  it('builds monthly cohorts with 30/60/90 rates on a hand-built history', () => {
    const jan = at('2024-01-31', 23) // still January in China
    const feb = at('2024-02-01', 0) + 1 // China Feb 1, 00:00:00.001 (UTC still Jan 31)
    const h = fanHistories([
      p('a', jan),
      p('a', jan + 10 * DAY_MS),
      p('a', jan + 70 * DAY_MS),
      p('b', jan),
      p('b', jan + 45 * DAY_MS),
      p('c', jan),
      p('d', feb),
      p('d', feb + 89 * DAY_MS)
    ])
    const rows = cohortFigures(h, 'month', at('2024-12-01'))
    expect(rows).toEqual([
      { cohort: '2024-02', fans: 1, repurchased: 1, rate30: 0, rate60: 0, rate90: 1 },
      { cohort: '2024-01', fans: 3, repurchased: 2, rate30: 1 / 3, rate60: 2 / 3, rate90: 2 / 3 }
    ])
    expect(medianDaysToSecond(h)).toBe(45) // 10, 45, 89
  })
})

describe('purchases', () => {
  it('flags second and later purchases, whatever order they arrive in', () => {
    const t0 = at('2024-03-01')
    expect(repurchaseFlags([p('a', t0 + 2), p('b', t0), p('a', t0), p('a', t0 + 1)])).toEqual([true, false, false, true])
  })
  it('averages the middle two for an even count of second purchases', () => {
    const t0 = at('2024-03-01')
    expect(medianDaysToSecond(fanHistories([p('a', t0), p('a', t0 + 2 * DAY_MS), p('b', t0), p('b', t0 + 5 * DAY_MS)]))).toBe(3.5)
    expect(medianDaysToSecond(fanHistories([p('a', t0)]))).toBeNull()
  })
  it('refuses refunds, zero and fractional amounts', () => {
    expect(() => assertSaleAmount(-500)).toThrow(RangeError)
    expect(() => assertSaleAmount(0)).toThrow(RangeError)
    expect(() => assertSaleAmount(10.5)).toThrow(RangeError)
    expect(() => fanHistories([p('a', 1, 1000), p('a', 2, -1000)])).toThrow(/not a sale amount/)
    expect(() => assertSaleAmount(1)).not.toThrow()
  })
})
