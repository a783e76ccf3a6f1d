/**
 * Geo queries.
 *  - Command.geoNear: "按从近到远的顺序，找出字段值在给定点的附近的记录"; options geometry, maxDistance,
 *    minDistance in metres; "索引要求: 需对查询字段建立地理位置索引"
 *    (developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.geoNear.html).
 *  - Aggregate.geoNear: first stage only, needs a geo index, distanceField / query / maxDistance
 *    (developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.geoNear.md).
 *  - Distances are spherical ($nearSphere semantics) on MongoDB's Earth radius, 6378.1 km
 *    (mongodb.com/docs/manual/reference/operator/query/nearSphere/).
 * The index itself is provisioned from the repo's index spec (ensureIndexes) — in the cloud it is
 * created in the console — so these tests are local-only.
 */
import { createTarget, test, localOf, localOnly, rejectionOf, wireOf, type Target } from './db-under-test'

const R = 6378100
const rad = (d: number): number => (d * Math.PI) / 180
function haversine(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)))
}

interface Pt {
  _id: string
  lng: number
  lat: number
  kind: string
}
let t: Target
let name: string
const points: Pt[] = []

beforeAll(async () => {
  t = createTarget()
  if (t.local === null) return
  name = t.name('stores')
  localOf(t).ensureIndexes({
    collections: {
      [name]: {
        indexes: [
          { name: 'loc_2dsphere', keys: [{ field: 'location', direction: '2dsphere' }] },
          { name: 'kind', keys: [{ field: 'kind', direction: 1 }] }
        ]
      }
    }
  })
  let seed = 7
  const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647
  for (let i = 0; i < 2000; i++) {
    const region = i % 4
    let lng: number
    let lat: number
    if (region === 0) {
      lng = rnd() * 360 - 180
      lat = rnd() * 180 - 90
    } // anywhere
    else if (region === 1) {
      lng = rnd() < 0.5 ? 179 + rnd() : -180 + rnd()
      lat = rnd() * 20 - 10
    } // around the antimeridian
    else if (region === 2) {
      lng = rnd() * 360 - 180
      lat = rnd() < 0.5 ? 85 + rnd() * 5 : -85 - rnd() * 5
    } // near the poles
    else {
      lng = 113 + rnd()
      lat = 23 + rnd()
    } // a dense city
    const p = { _id: `p${i}`, lng, lat, kind: i % 3 === 0 ? 'flagship' : 'outlet' }
    points.push(p)
  }
  const c = t.db.collection(name)
  for (const p of points) await c.add({ data: { _id: p._id, kind: p.kind, location: t.db.Geo.Point(p.lng, p.lat) } })
})
afterAll(() => t.close())

function brute(lng: number, lat: number, opts: { max?: number; min?: number; kind?: string } = {}): Array<{ id: string; d: number }> {
  return points
    .filter((p) => opts.kind === undefined || p.kind === opts.kind)
    .map((p) => ({ id: p._id, d: haversine(lng, lat, p.lng, p.lat) }))
    .filter((x) => x.d <= (opts.max ?? Infinity) && x.d >= (opts.min ?? 0))
    .sort((a, b) => a.d - b.d)
}

const CENTERS: Array<[string, number, number]> = [
  ['city', 113.5, 23.5],
  ['antimeridian east side', 179.95, 0],
  ['antimeridian west side', -179.95, 3],
  ['north pole region', 40, 88.5],
  ['south pole region', -120, -89.9],
  ['open ocean', -30, 10]
]

describe('db.command.geoNear', () => {
  localOnly.each(CENTERS)('nearest 50 around the %s equal a brute-force haversine sort', async (_label, lng, lat) => {
    const _ = t.db.command
    const got = await t.db
      .collection(name)
      .where({ location: _.geoNear({ geometry: t.db.Geo.Point(lng, lat) }) })
      .limit(50)
      .get()
    expect(got.data.map((d) => d._id)).toEqual(
      brute(lng, lat)
        .slice(0, 50)
        .map((x) => x.id)
    )
  })

  // The index keeps 32-bit floats (about a metre at these longitudes): points closer together than that
  // share an index box, yet the order must be that of their exact great-circle distances.
  localOnly('points centimetres apart come back in their exact distance order', async () => {
    const _ = t.db.command
    const close = t.name('close')
    localOf(t).ensureIndexes({ collections: { [close]: { indexes: [{ name: 'loc', keys: [{ field: 'location', direction: '2dsphere' }] }] } } })
    const c = t.db.collection(close)
    const pts = Array.from({ length: 40 }, (_v, i) => ({ _id: `c${i}`, lng: 121.5 + ((i * 7) % 40) * 1e-7, lat: 31.2 + ((i * 13) % 40) * 1e-7 }))
    for (const p of pts) await c.add({ data: { _id: p._id, location: t.db.Geo.Point(p.lng, p.lat) } })
    const want = pts.map((p) => ({ id: p._id, d: haversine(121.49999, 31.19999, p.lng, p.lat) })).sort((a, b) => a.d - b.d)
    const got = await c
      .where({ location: _.geoNear({ geometry: t.db.Geo.Point(121.49999, 31.19999) }) })
      .limit(10)
      .get()
    expect(got.data.map((d) => d._id)).toEqual(want.slice(0, 10).map((x) => x.id))
  })

  localOnly('maxDistance and minDistance bound the results (metres)', async () => {
    const _ = t.db.command
    for (const [, lng, lat] of CENTERS) {
      const q = { location: _.geoNear({ geometry: t.db.Geo.Point(lng, lat), minDistance: 50_000, maxDistance: 1_500_000 }) }
      const got = (await t.db.collection(name).where(q).limit(1000).get()).data.map((d) => d._id)
      expect(got).toEqual(
        brute(lng, lat, { min: 50_000, max: 1_500_000 })
          .slice(0, 1000)
          .map((x) => x.id)
      )
    }
  })

  localOnly('skip/limit page through the distance order', async () => {
    const _ = t.db.command
    const q = { location: _.geoNear({ geometry: t.db.Geo.Point(179.99, -5) }) }
    const pages: unknown[] = []
    for (let skip = 0; skip < 60; skip += 20) pages.push(...(await t.db.collection(name).where(q).skip(skip).limit(20).get()).data.map((d) => d._id))
    expect(pages).toEqual(
      brute(179.99, -5)
        .slice(0, 60)
        .map((x) => x.id)
    )
  })

  localOnly('other where conditions combine with geoNear; default limit still 100', async () => {
    const _ = t.db.command
    const got = await t.db
      .collection(name)
      .where({ kind: 'flagship', location: _.geoNear({ geometry: t.db.Geo.Point(113.2, 23.2) }) })
      .get()
    expect(got.data).toHaveLength(100)
    expect(got.data.map((d) => d._id)).toEqual(
      brute(113.2, 23.2, { kind: 'flagship' })
        .slice(0, 100)
        .map((x) => x.id)
    )
  })

  localOnly('the index follows writes: a moved point is found at its new place, a removed one is gone', async () => {
    const _ = t.db.command
    const c = t.db.collection(name)
    await c.add({ data: { _id: 'mover', kind: 'x', location: t.db.Geo.Point(0.001, 0.001) } })
    const near = (lng: number, lat: number) =>
      c
        .where({ location: _.geoNear({ geometry: t.db.Geo.Point(lng, lat), maxDistance: 1000 }) })
        .get()
        .then((r) => r.data.map((d) => d._id))
    expect(await near(0, 0)).toEqual(['mover'])
    await c.doc('mover').update({ data: { location: t.db.Geo.Point(-60.001, -30.001) } })
    expect(await near(0, 0)).toEqual([])
    expect(await near(-60, -30)).toEqual(['mover'])
    await c.doc('mover').remove()
    expect(await near(-60, -30)).toEqual([])
  })

  // "never a scan of all docs": the R*Tree range search drives, documents are fetched by rowid,
  // even when an ordinary index could serve the other condition
  localOnly('the query plan is driven by the R*Tree, not by another index or a scan', async () => {
    const q = t.db.collection(name).where({ kind: 'outlet', location: t.db.command.geoNear({ geometry: t.db.Geo.Point(10, 10) }) })
    const plan = (await wireOf(t).explain(() => q.get())).join('\n')
    expect(plan).toMatch(/^SCAN r VIRTUAL TABLE INDEX 2:/)
    expect(plan).toMatch(/SEARCH t USING INTEGER PRIMARY KEY \(rowid=\?\)/)
    expect(plan).not.toMatch(/USING INDEX c_|SCAN t/)
  })

  // MongoDB refuses a non-GeoJSON value in a 2dsphere-indexed field ("Can't extract geo keys")
  localOnly('writing a non-Point value into a geo-indexed field is refused', async () => {
    const err = await rejectionOf(() => t.db.collection(name).add({ data: { location: { type: 'Point', coordinates: [200, 0] } } }))
    expect(err.errMsg).toMatch(/geo keys/)
  })

  // Command.geoNear "需对查询字段建立地理位置索引": without one the cloud fails the query
  test('geoNear on a field without a geo index fails', async () => {
    const c = t.db.collection(t.name('noindex'))
    await c.add({ data: { location: t.db.Geo.Point(1, 1) } })
    const err = await rejectionOf(() => c.where({ location: t.db.command.geoNear({ geometry: t.db.Geo.Point(1, 1) }) }).get())
    expect(err.errMsg).toMatch(/index/)
  })

  test('geometry must be a Geo.Point and Point validates its range', async () => {
    // the SDK builds the command, then fails serializing a plain GeoJSON object, before any request
    const plain = t.db.command.geoNear({ geometry: { type: 'Point', coordinates: [1, 1] } as never })
    expect((await rejectionOf(() => t.db.collection(name).where({ location: plain }).get())).message).toMatch(/toJSON is not a function/)
    expect(() => t.db.Geo.Point(181, 0)).toThrow(/longitude/)
    expect(() => t.db.Geo.Point(0, -91)).toThrow(/latitude/)
  })
})

describe('Aggregate.geoNear', () => {
  localOnly('returns records nearest first with distanceField, honouring query and maxDistance', async () => {
    const $ = t.db.command.aggregate
    const res = await t.db
      .collection(name)
      .aggregate()
      .geoNear({ near: t.db.Geo.Point(-179.9, 1), spherical: true, distanceField: 'dist', maxDistance: 800_000, query: { kind: 'outlet' } })
      .limit(30)
      .project({ dist: 1, kind: 1, far: $.gt(['$dist', 400_000]) })
      .end()
    const expected = brute(-179.9, 1, { max: 800_000, kind: 'outlet' }).slice(0, 30)
    expect(res.list.map((d: unknown) => (d as { _id: string })._id)).toEqual(expected.map((x) => x.id))
    res.list.forEach((d: unknown, i: number) => {
      const row = d as { dist: number; far: boolean; kind: string }
      expect(row.dist).toBeCloseTo(expected[i].d, 3)
      expect(row.far).toBe(expected[i].d > 400_000)
      expect(row.kind).toBe('outlet')
    })
  })

  test('geoNear must be the first stage', async () => {
    const err = await rejectionOf(() =>
      t.db
        .collection(name)
        .aggregate()
        .match({})
        .geoNear({ near: t.db.Geo.Point(0, 0), spherical: true, distanceField: 'd' })
        .end()
    )
    expect(err.errCode).toBeLessThan(0)
    if (!t.wire) return
    expect(err.errMsg).toMatch(/first stage/)
  })
})
