import { z } from 'zod'
import { StoreSummary } from './common'
import { input, type FunctionSpecs } from './spec'

/** Finite numbers only: NaN and Infinity never reach a geo query. GCJ-02, as WeChat's location APIs return. */
const Longitude = z.number().finite().min(-180).max(180)
const Latitude = z.number().finite().min(-90).max(90)
/** Half the Earth's circumference: beyond it every point is in range anyway. */
export const MAX_DISTANCE_M = 20_037_508
export const DEFAULT_MAX_DISTANCE_M = 50_000
export const MAX_PAGE_SIZE = 20
export const DEFAULT_PAGE_SIZE = 10

const paging = {
  /** 0-based; 50 pages of 20 stay under the cloud's cheap skip range */
  page: z.number().int().min(0).max(50).optional(),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional()
}

export const NearbyStore = StoreSummary.extend({
  longitude: z.number(),
  latitude: z.number(),
  /** great-circle metres from the caller, rounded; null when listed by city */
  distanceM: z.number().int().nonnegative().nullable(),
  /** open now in China time, from `hours`; null when the hours cannot be read */
  openNow: z.boolean().nullable()
})
export type NearbyStore = z.infer<typeof NearbyStore>

export const CityCount = z.object({ city: z.string(), stores: z.number().int() })
export type CityCount = z.infer<typeof CityCount>

/** Journey 5: nearby stores (LBS). */
export const nearbyFunctions = {
  nearbyStores: {
    access: 'anyone',
    summary: '附近门店：按距离（有定位）或按城市（无定位）',
    input: z.union([
      input({ longitude: Longitude, latitude: Latitude, maxDistanceM: z.number().finite().positive().max(MAX_DISTANCE_M).optional(), ...paging }),
      // location denied or unavailable: one city's stores; without a city, the city with the most stores
      input({ city: z.string().min(1).max(20).optional(), ...paging })
    ]),
    output: z.object({
      mode: z.enum(['nearby', 'city']),
      /** the city listed (city mode), else null */
      city: z.string().nullable(),
      stores: z.array(NearbyStore),
      /** every city with active stores, most stores first (city mode only; [] when nearby) */
      cities: z.array(CityCount),
      page: z.number().int(),
      hasMore: z.boolean()
    })
  }
} as const satisfies FunctionSpecs
