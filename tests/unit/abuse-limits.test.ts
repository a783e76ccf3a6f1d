import { DEFAULT_LIMITS, limitsFrom, MINUTE_MS, nextScanWindow, windowIndex } from '../../src/domain/abuse-limits'

describe('the per-shopper scan window', () => {
  const t0 = 1_700_000_000_000
  it.each([
    ['first scan opens a window', undefined, t0, 3, { start: t0, count: 1 }],
    ['a scan inside the window counts', { start: t0, count: 1 }, t0 + 59_999, 3, { start: t0, count: 2 }],
    ['the last allowed scan', { start: t0, count: 2 }, t0 + 10, 3, { start: t0, count: 3 }],
    ['one over the limit is refused', { start: t0, count: 3 }, t0 + 10, 3, null],
    ['a minute later a new window opens', { start: t0, count: 3 }, t0 + MINUTE_MS, 3, { start: t0 + MINUTE_MS, count: 1 }],
    ['a concurrent scan stamped just before the window opened counts in it', { start: t0, count: 2 }, t0 - 5, 3, { start: t0, count: 3 }],
    ['and is refused when the window is full', { start: t0, count: 3 }, t0 - 5, 3, null],
    [
      'a clock that went back a minute or more opens a new window rather than locking the shopper out',
      { start: t0, count: 3 },
      t0 - MINUTE_MS,
      3,
      { start: t0 - MINUTE_MS, count: 1 }
    ]
  ])('%s', (_name, current, now, limit, expected) => {
    expect(nextScanWindow(current, now, limit)).toEqual(expected)
  })
})

describe('limits from settings', () => {
  it('keeps defaults for anything missing or not a positive whole number', () => {
    expect(limitsFrom(undefined)).toEqual(DEFAULT_LIMITS)
    const l = limitsFrom({ burstNewFans: 5, sameDeviceNewFans: 0, checkinsPerShopperPerMinute: '9', redemptionsPerStaffPerMinute: 2.5 })
    expect(l).toEqual({ ...DEFAULT_LIMITS, burstNewFans: 5 })
  })
  it('aligns fixed windows to the epoch', () => {
    expect(windowIndex(119_999, MINUTE_MS)).toBe(1)
    expect(windowIndex(120_000, MINUTE_MS)).toBe(2)
  })
})
