import type { CouponView, GroupEntry, StaffRef, StoreSummary } from '../../contract'
import { couponState } from '../../domain/coupon-validity'
import type { CouponDoc, GroupDoc, StaffDoc, StoreDoc } from './docs'

/** Documents → the shapes the contract promises; nothing internal (openids, secrets) leaves here. */
export const storeView = (s: StoreDoc): StoreSummary => ({
  storeId: s._id,
  name: s.name,
  city: s.city,
  address: s.address,
  hours: s.hours,
  phone: s.phone
})

export const staffRef = (s: StaffDoc | null): StaffRef | null => (s ? { staffId: s._id, name: s.name } : null)

export const couponView = (c: CouponDoc, now: number): CouponView => ({
  couponId: c._id,
  title: c.title,
  kind: c.kind,
  value: c.value,
  thresholdFen: c.thresholdFen,
  validFrom: c.validFrom,
  validUntil: c.validUntil,
  state: couponState(c, now),
  code: c.code
})

export const groupView = (g: GroupDoc): GroupEntry => ({ groupId: g._id, name: g.name, qrUrl: g.qrUrl, expiresAt: g.expiresAt })

/**
 * [longitude, latitude] of a stored location. The SDK hands a stored point back as a db.Geo.Point
 * ({ longitude, latitude }); a document written as plain GeoJSON reads back as { coordinates }.
 */
export function lngLat(loc: unknown): [number, number] {
  const p = loc as { longitude?: number; latitude?: number; coordinates?: [number, number] }
  return p.coordinates ? p.coordinates : [p.longitude as number, p.latitude as number]
}
