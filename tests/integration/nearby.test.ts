import { distanceM } from '../../src/domain/geo'
import { STORES } from '../../src/localcloud/demo/brand'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'

/** Journey 5 on the local cloud: geoNear through the function, checked against a brute-force scan. */
let t: TestCloud
interface Pt {
  id: string
  lng: number
  lat: number
  active: boolean
}
const points: Pt[] = STORES.map((s) => ({ id: s._id, lng: s.location.longitude, lat: s.location.latitude, active: true }))

beforeAll(async () => {
  t = await startTestCloud()
  let seed = 11
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const extra: Pt[] = []
  for (let i = 0; i < 1200; i++) {
    const region = i % 4
    const [lng, lat] =
      region === 0
        ? [rnd() < 0.5 ? 179 + rnd() : -180 + rnd(), rnd() * 10 - 5] // both sides of the antimeridian
        : region === 1
          ? [rnd() * 360 - 180, rnd() < 0.5 ? 84 + rnd() * 6 : -84 - rnd() * 6] // near the poles
          : region === 2
            ? [121.3 + rnd() * 0.4, 31.1 + rnd() * 0.3] // dense around the demo stores
            : [rnd() * 360 - 180, rnd() * 180 - 90] // anywhere
    extra.push({ id: `x${i}`, lng, lat, active: i % 10 !== 9 }) // every tenth is closed down
  }
  const api = t.cloud.db.api()
  t.cloud.db.bulkInsert(
    'stores',
    extra.map((p) => ({
      _id: p.id,
      name: `测试店${p.id}`,
      city: p.id.length % 2 ? '远方' : '天涯',
      address: '某路1号',
      location: api.Geo.Point(p.lng, p.lat),
      hours: '22:00-02:00',
      phone: '',
      active: p.active,
      codeVersion: 1
    }))
  )
  points.push(...extra)
})
afterAll(() => t.stop())

const SHOPPER = 'nearby-shopper'
const nearby = async (event: unknown) => expectOk(await t.call('nearbyStores', event, SHOPPER))

function brute(lng: number, lat: number, max: number): Array<{ id: string; d: number }> {
  return points
    .filter((p) => p.active)
    .map((p) => ({ id: p.id, d: distanceM(lng, lat, p.lng, p.lat) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d)
}

const CENTRES: Array<[string, number, number, number]> = [
  ['静安寺', 121.4456, 31.2235, 5_000],
  ['the antimeridian, east side', 179.95, 0.5, 300_000],
  ['the antimeridian, west side', -179.9, -1, 150_000],
  ['the Arctic', 40, 88.5, 500_000],
  ['the South Pole', -120, -89.9, 800_000],
  ['the open Atlantic', -30, 10, 3_000_000]
]

describe('nearbyStores by location', () => {
  it.each(CENTRES)('pages through every active store near %s in brute-force order, within maxDistance', async (_label, lng, lat, max) => {
    const want = brute(lng, lat, max)
    expect(want.length).toBeGreaterThan(3) // the case tests something
    const got: Array<{ storeId: string; distanceM: number | null }> = []
    for (let page = 0; ; page++) {
      const res = await nearby({ longitude: lng, latitude: lat, maxDistanceM: max, page, pageSize: 7 })
      expect(res.mode).toBe('nearby')
      expect(res.stores.length).toBeLessThanOrEqual(7)
      got.push(...res.stores)
      if (!res.hasMore) break
      expect(res.stores).toHaveLength(7)
    }
    expect(got.map((s) => s.storeId)).toEqual(want.map((w) => w.id))
    expect(got.map((s) => s.distanceM)).toEqual(want.map((w) => Math.round(w.d)))
  })

  it('lists the demo stores from 静安寺 nearest first with distance, hours, open-now and coordinates', async () => {
    const all = []
    for (let page = 0, more = true; more; page++) {
      const res = await nearby({ longitude: 121.4456, latitude: 31.2235, maxDistanceM: 20_000, page, pageSize: 20 })
      all.push(...res.stores)
      more = res.hasMore
    }
    const demo = all.filter((s) => s.storeId.startsWith('st'))
    expect(demo.map((s) => s.name)).toEqual(['静安寺店', '中山公园店', '徐家汇店', '人民广场店', '陆家嘴店', '五角场店'])
    expect(demo[0]).toMatchObject({ city: '上海', hours: '10:00-22:00', phone: '021-62881618', longitude: 121.44562, latitude: 31.22347 })
    expect(demo[0].distanceM).toBeLessThan(10)
    expect(typeof demo[0].openNow).toBe('boolean')
  })

  it('answers an empty first page when nothing is within maxDistance, and pageSize defaults to 10', async () => {
    expect(await nearby({ longitude: 0, latitude: 0, maxDistanceM: 1 })).toMatchObject({ stores: [], hasMore: false })
    const res = await nearby({ longitude: 121.45, latitude: 31.22 })
    expect(res.stores).toHaveLength(10)
    expect(res.hasMore).toBe(true)
  })
})

describe('nearbyStores without location (permission denied)', () => {
  it('lists the cities, most stores first, and the stores of the biggest city when none is named', async () => {
    const res = await nearby({})
    expect(res.mode).toBe('city')
    const active = (c: string) => points.filter((p) => p.active && (p.id.startsWith('st') ? '上海' : p.id.length % 2 ? '远方' : '天涯') === c).length
    expect(res.cities).toEqual(
      ['远方', '天涯', '上海'].map((city) => ({ city, stores: active(city) })).sort((a, b) => b.stores - a.stores || a.city.localeCompare(b.city))
    )
    expect(res.city).toBe(res.cities[0].city)
  })

  it('lists one city’s stores by name, without distances, paged', async () => {
    const res = await nearby({ city: '上海', pageSize: 4 })
    expect(res).toMatchObject({ mode: 'city', city: '上海', hasMore: true })
    expect(res.stores.map((s) => s.distanceM)).toEqual([null, null, null, null])
    const next = await nearby({ city: '上海', pageSize: 4, page: 1 })
    expect(next.hasMore).toBe(false)
    const names = [...res.stores, ...next.stores].map((s) => s.name)
    expect(names).toEqual([...STORES.map((s) => s.name)].sort())
    expect((await nearby({ city: '火星' })).stores).toEqual([])
  })
})

describe('nearbyStores refuses what it cannot answer', () => {
  const BAD: Array<[string, unknown]> = [
    ['longitude above 180', { longitude: 180.5, latitude: 31 }],
    ['latitude below -90', { longitude: 121, latitude: -90.01 }],
    ['NaN', { longitude: Number.NaN, latitude: 31 }],
    ['Infinity', { longitude: 121, latitude: Number.POSITIVE_INFINITY }],
    ['a string coordinate', { longitude: '121.4', latitude: 31 }],
    ['latitude without longitude', { latitude: 31 }],
    ['an operator object', { longitude: { $gt: 0 }, latitude: 31 }],
    ['pageSize above 20', { longitude: 121, latitude: 31, pageSize: 21 }],
    ['a negative maxDistance', { longitude: 121, latitude: 31, maxDistanceM: -5 }],
    ['a fractional page', { city: '上海', page: 1.5 }],
    ['an unknown field', { longitude: 121, latitude: 31, radius: 5 }],
    ['both location and a city', { longitude: 121, latitude: 31, city: '上海' }]
  ]
  it.each(BAD)('%s: INVALID_INPUT and nothing written', async (_label, event) => {
    const before = t.cloud.db.snapshot().checksum
    const res = await t.call('nearbyStores', event, 'bad-input-shopper')
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(t.cloud.db.snapshot().checksum).toBe(before)
  })
})
