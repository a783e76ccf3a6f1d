import { DEFAULT_MAX_DISTANCE_M, DEFAULT_PAGE_SIZE, type CityCount, type NearbyStore } from '../contract/nearby'
import { distanceM, isOpenAt } from '../domain/geo'
import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { StoreDoc } from './_lib/docs'
import { lngLat, storeView } from './_lib/views'

function nearbyView(s: StoreDoc, now: number, from: { lng: number; lat: number } | null): NearbyStore {
  const [lng, lat] = lngLat(s.location)
  const v = storeView(s)
  // fields listed, not `{ ...storeView(s), more }`: V8 builds that spread-then-extend shape ~50× slower
  return {
    storeId: v.storeId,
    name: v.name,
    city: v.city,
    address: v.address,
    hours: v.hours,
    phone: v.phone,
    longitude: lng,
    latitude: lat,
    distanceM: from ? Math.round(distanceM(from.lng, from.lat, lng, lat)) : null,
    openNow: isOpenAt(s.hours, now)
  }
}

/**
 * Cities with active stores and how many, most first. A brand has tens to hundreds of stores, so one
 * grouped aggregate is cheap; it runs only on the no-location path, never on the nearby one.
 */
async function cityCounts(): Promise<CityCount[]> {
  const $ = db.command.aggregate
  const res = await db
    .collection('stores')
    .aggregate()
    .match({ active: true })
    .group({ _id: '$city', stores: $.sum(1) })
    .sort({ stores: -1, _id: 1 })
    .limit(200) // aggregate answers 20 rows unless told otherwise
    .end()
  return (res.list as Array<{ _id: string; stores: number }>).map((r) => ({ city: r._id, stores: r.stores }))
}

export const main = defineFunction(
  'nearbyStores',
  async (req) => {
    const now = Date.now()
    const page = req.page ?? 0
    const size = req.pageSize ?? DEFAULT_PAGE_SIZE
    const stores = db.collection('stores')

    if ('longitude' in req) {
      const from = { lng: req.longitude, lat: req.latitude }
      // geoNear answers nearest first from the 2dsphere index (config/cloud/indexes.json: stores.location),
      // stops at maxDistance (metres) and honours skip/limit: the collection is never scanned. One extra
      // row tells whether another page exists without a count (count() cannot be combined with geoNear).
      const res = await stores
        .where({
          location: _.geoNear({ geometry: db.Geo.Point(from.lng, from.lat), maxDistance: req.maxDistanceM ?? DEFAULT_MAX_DISTANCE_M }),
          active: true
        })
        .skip(page * size)
        .limit(size + 1)
        .get()
      const docs = res.data as StoreDoc[]
      return { mode: 'nearby', city: null, stores: docs.slice(0, size).map((s) => nearbyView(s, now, from)), cities: [], page, hasMore: docs.length > size }
    }

    // Location denied or unavailable: a city's stores by name (index active_city_name), plus the city list.
    const cities = await cityCounts()
    const city = req.city ?? cities[0]?.city ?? null
    if (city === null) return { mode: 'city', city: null, stores: [], cities, page, hasMore: false }
    const res = await stores
      .where({ active: true, city })
      .orderBy('name', 'asc')
      .skip(page * size)
      .limit(size + 1)
      .get()
    const docs = res.data as StoreDoc[]
    return { mode: 'city', city, stores: docs.slice(0, size).map((s) => nearbyView(s, now, null)), cities, page, hasMore: docs.length > size }
  },
  { role: 'shopper' }
)
