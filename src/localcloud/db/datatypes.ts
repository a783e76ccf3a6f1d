/**
 * The special values cloud functions put into documents: `db.Geo.Point` and `db.serverDate()`.
 * Points validate their range on construction, as the real SDK does, so that a bad coordinate
 * fails where it is written rather than later inside a geo query.
 */
import { invalidParam, unsupported } from './errors'

export class Point {
  readonly longitude: number
  readonly latitude: number

  constructor(longitude: number, latitude: number) {
    if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
      throw invalidParam('Geo.Point', `"longitude" must be a number in [-180, 180], got ${String(longitude)}`)
    }
    if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
      throw invalidParam('Geo.Point', `"latitude" must be a number in [-90, 90], got ${String(latitude)}`)
    }
    this.longitude = longitude
    this.latitude = latitude
  }

  toJSON(): { type: 'Point'; coordinates: [number, number] } {
    return { type: 'Point', coordinates: [this.longitude, this.latitude] }
  }

  toReadableString(): string {
    return `[${this.longitude},${this.latitude}]`
  }

  /** True for a GeoJSON Point whose coordinates are in range (what a 2dsphere index accepts). */
  static validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false
    const v = value as { type?: unknown; coordinates?: unknown }
    if (v.type !== 'Point' || !Array.isArray(v.coordinates) || v.coordinates.length !== 2) return false
    const [lng, lat] = v.coordinates as unknown[]
    return typeof lng === 'number' && typeof lat === 'number' && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
  }
}

/** Callable with or without `new`: the WeChat docs write both `db.Geo.Point(x, y)` and `new db.Geo.Point(x, y)`. */
export interface PointConstructor {
  new (longitude: number, latitude: number): Point
  (longitude: number, latitude: number): Point
}

export const PointFactory = function PointFactory(longitude: number, latitude: number): Point {
  return new Point(longitude, latitude)
} as unknown as PointConstructor

export class ServerDate {
  readonly offset: number
  constructor(options?: { offset?: number }) {
    const offset = options?.offset ?? 0
    if (typeof offset !== 'number' || !Number.isFinite(offset)) {
      throw invalidParam('serverDate', '"offset" must be a number of milliseconds')
    }
    this.offset = offset
  }
}

function unsupportedGeo(name: string): () => never {
  return () => {
    throw unsupported(`db.Geo.${name}`)
  }
}

export interface GeoNamespace {
  Point: PointConstructor
  LineString: () => never
  Polygon: () => never
  MultiPoint: () => never
  MultiLineString: () => never
  MultiPolygon: () => never
}

export const Geo: GeoNamespace = {
  Point: PointFactory,
  LineString: unsupportedGeo('LineString'),
  Polygon: unsupportedGeo('Polygon'),
  MultiPoint: unsupportedGeo('MultiPoint'),
  MultiLineString: unsupportedGeo('MultiLineString'),
  MultiPolygon: unsupportedGeo('MultiPolygon')
}
