import { chinaDayKey, chinaDayKeysEnding, chinaDayKeyStart, chinaDayStart } from '../../src/domain/china-time'
import { couponState, validityWindow } from '../../src/domain/coupon-validity'

// 2026-11-22 23:59:59.999 China time = 2026-11-22 15:59:59.999 UTC
const LAST_MS_OF_22ND = Date.UTC(2026, 10, 22, 15, 59, 59, 999)

describe('China day boundaries (UTC+8, no DST)', () => {
  it('puts 23:59:59.999 and 00:00:00 China time on different days', () => {
    expect(chinaDayKey(LAST_MS_OF_22ND)).toBe('2026-11-22')
    expect(chinaDayKey(LAST_MS_OF_22ND + 1)).toBe('2026-11-23')
  })

  it('a UTC morning is already the China afternoon of the same date; a UTC 16:00 is the next China day', () => {
    expect(chinaDayKey(Date.UTC(2026, 0, 1, 2))).toBe('2026-01-01')
    expect(chinaDayKey(Date.UTC(2025, 11, 31, 16))).toBe('2026-01-01')
  })

  it('day start and day-key start agree', () => {
    expect(chinaDayStart(LAST_MS_OF_22ND)).toBe(Date.UTC(2026, 10, 21, 16))
    expect(chinaDayKeyStart('2026-11-23')).toBe(LAST_MS_OF_22ND + 1)
    expect(() => chinaDayKeyStart('2026/11/23')).toThrow(RangeError)
  })

  it('lists the last N day keys oldest first, across a month end', () => {
    expect(chinaDayKeysEnding(Date.UTC(2026, 11, 1, 1), 3)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01'])
  })
})

describe('coupon validity in China time', () => {
  it('"N days" ends at 23:59:59.999 China time of day N, counting the issue day', () => {
    const issuedAt = Date.UTC(2026, 10, 22, 15, 30) // 23:30 on the 22nd in China
    const w = validityWindow({ type: 'days', days: 1 }, issuedAt)
    expect(w.validUntil).toBe(LAST_MS_OF_22ND)
    expect(couponState({ validUntil: w.validUntil, redeemedAt: null }, LAST_MS_OF_22ND)).toBe('usable')
    expect(couponState({ validUntil: w.validUntil, redeemedAt: null }, LAST_MS_OF_22ND + 1)).toBe('expired')
  })

  it('a used coupon is used whatever the date', () => {
    expect(couponState({ validUntil: 0, redeemedAt: 5 }, 10)).toBe('used')
  })
})
