import { chinaMinuteOfDay, distanceM, EARTH_RADIUS_M, formatDistance, isOpenAt, parseHours, wgs84ToGcj02 } from '../../src/domain/geo'

/** Epoch ms of a China wall-clock time (UTC+8) on 2026-03-10. */
const china = (hh: number, mm = 0) => Date.UTC(2026, 2, 10, hh - 8, mm)

describe('great-circle distance', () => {
  it('matches known distances on MongoDB’s sphere (R = 6378.1 km)', () => {
    // 静安寺 → 人民广场: about 3.56 km (3.14 km east, 1.68 km north)
    expect(distanceM(121.44562, 31.22347, 121.47861, 31.23859)).toBeGreaterThan(3550)
    expect(distanceM(121.44562, 31.22347, 121.47861, 31.23859)).toBeLessThan(3575)
    // one degree of longitude on the equator is R·π/180
    expect(distanceM(0, 0, 1, 0)).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 3)
    expect(distanceM(10, 20, 10, 20)).toBe(0)
  })

  it('is short across the antimeridian, not the long way round', () => {
    const across = distanceM(179.9, 0, -179.9, 0)
    expect(across).toBeCloseTo((0.2 * EARTH_RADIUS_M * Math.PI) / 180, 3)
    expect(distanceM(-179.9, 0, 179.9, 0)).toBeCloseTo(across, 6)
  })

  it('shrinks longitude near the poles and is zero between two spellings of a pole', () => {
    expect(distanceM(0, 89.9, 180, 89.9)).toBeCloseTo((0.2 * EARTH_RADIUS_M * Math.PI) / 180, 0)
    expect(distanceM(0, 90, 123, 90)).toBeLessThan(1e-6)
    expect(distanceM(0, -90, 0, 90)).toBeCloseTo(EARTH_RADIUS_M * Math.PI, 3)
  })
})

describe('formatDistance', () => {
  it('says 米 under a kilometre and 公里 above, one decimal below ten', () => {
    expect(formatDistance(0)).toBe('0米')
    expect(formatDistance(850.4)).toBe('850米')
    expect(formatDistance(999.4)).toBe('999米')
    expect(formatDistance(1234)).toBe('1.2公里')
    expect(formatDistance(23456)).toBe('23公里')
  })
})

describe('opening hours in China time', () => {
  it('reads one span, several spans, and refuses what it cannot read', () => {
    expect(parseHours('10:00-22:00')).toEqual([{ open: 600, close: 1320 }])
    expect(parseHours('10:00-14:00, 17:00-22:00')).toHaveLength(2)
    expect(parseHours('全天')).toBeNull()
    expect(parseHours('10:75-22:00')).toBeNull()
    expect(parseHours('')).toBeNull()
    expect(isOpenAt('周一至周五', china(12))).toBeNull()
  })

  it('uses China time whatever the server zone: 10:00 China is 02:00 UTC', () => {
    expect(chinaMinuteOfDay(Date.UTC(2026, 2, 10, 2))).toBe(600)
    expect(chinaMinuteOfDay(Date.UTC(2026, 2, 9, 16))).toBe(0)
    expect(isOpenAt('10:00-22:00', china(9, 59))).toBe(false)
    expect(isOpenAt('10:00-22:00', china(10))).toBe(true)
    expect(isOpenAt('10:00-22:00', china(21, 59))).toBe(true)
    expect(isOpenAt('10:00-22:00', china(22))).toBe(false)
  })

  it('handles hours past midnight (22:00-02:00) on both sides of midnight', () => {
    expect(isOpenAt('22:00-02:00', china(21, 59))).toBe(false)
    expect(isOpenAt('22:00-02:00', china(23, 30))).toBe(true)
    expect(isOpenAt('22:00-02:00', china(0, 30))).toBe(true)
    expect(isOpenAt('22:00-02:00', china(2))).toBe(false)
    expect(isOpenAt('18:00-00:00', china(23, 59))).toBe(true)
    expect(isOpenAt('18:00-00:00', china(0))).toBe(false)
  })

  it('treats 00:00-24:00 and equal open and close as all day; split hours close in between', () => {
    expect(isOpenAt('00:00-24:00', china(3))).toBe(true)
    expect(isOpenAt('08:00-08:00', china(3))).toBe(true)
    expect(isOpenAt('10:00-14:00,17:00-22:00', china(15))).toBe(false)
    expect(isOpenAt('10:00-14:00,17:00-22:00', china(18))).toBe(true)
  })
})

describe('WGS-84 → GCJ-02 (browser geolocation on H5)', () => {
  it('shifts a point in China by the published offset and leaves the rest of the world alone', () => {
    const [lng, lat] = wgs84ToGcj02(116.404, 39.915) // 天安门
    expect(lng).toBeCloseTo(116.41024, 4)
    expect(lat).toBeCloseTo(39.9164, 4)
    const shift = distanceM(121.4456, 31.2235, ...wgs84ToGcj02(121.4456, 31.2235))
    expect(shift).toBeGreaterThan(300)
    expect(shift).toBeLessThan(800)
    expect(wgs84ToGcj02(-0.1276, 51.5072)).toEqual([-0.1276, 51.5072])
    expect(wgs84ToGcj02(179.9, 0)).toEqual([179.9, 0])
  })
})
