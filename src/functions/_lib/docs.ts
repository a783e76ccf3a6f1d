import type { AttributionPolicy, Channel } from '../../contract'

/** Documents as stored. Times are epoch ms (numbers) so queries and JSON answers need no Date handling. */
/** A location as reads return it: the SDK hands stored GeoJSON back as a db.Geo.Point (GCJ-02). */
export interface GeoPoint {
  longitude: number
  latitude: number
}

export interface StoreDoc {
  _id: string
  name: string
  city: string
  address: string
  location: GeoPoint
  hours: string
  phone: string
  active: boolean
  codeVersion: number
}

export interface StaffDoc {
  _id: string
  openid: string
  name: string
  storeId: string
  role: 'staff' | 'manager'
  /** managers only: the stores they manage; null = the whole brand */
  managesStoreIds?: string[] | null
  active: boolean
  /** bumped to revoke every code this staff member has handed out */
  codeVersion: number
  qrFileId?: string
  qrVersion?: number
}

export interface FanDoc {
  _id: string // the shopper's openid: one fan per shopper per brand, enforced by the primary key
  memberCode: string
  firstStoreId: string
  lastStoreId: string
  channel: Channel
  capturingStaffId: string | null
  ownerStaffId: string | null
  boundAt: number | null
  createdAt: number
  lastVisitAt: number
  visits: number
  /** this shopper's check-ins in the current minute (the per-shopper rate limit) */
  scanWindow?: { start: number; count: number }
  /** first scan came through a flagged staff code: the store owns the fan until a manager approves */
  heldForStaffId?: string | null
  /** stores visited on the China day of the last visit: a visit counts once per fan, store and day */
  visitedDay?: { dayKey: string; storeIds: string[] }
  /** came back after deleting their data: not a new fan in the figures, no welcome gift */
  returning?: boolean
  /** what this fan's member and coupon codes derive from when not the openid (a returning former fan) */
  codeSeed?: string
}

export interface VisitDoc {
  fanId: string
  storeId: string
  servingStaffId: string | null
  ownerStaffId: string | null
  channel: Channel
  at: number
  dayKey: string
}

export interface BindingEventDoc {
  fanId: string
  storeId: string
  from: string | null
  to: string | null
  reason: string
  by: string
  at: number
}

export interface CouponTemplateDoc {
  _id: string
  title: string
  kind: 'amount_off' | 'percent_off' | 'gift'
  value: number
  thresholdFen: number
  validity: { type: 'days'; days: number } | { type: 'fixed'; from: number; until: number }
  stock: number | null
  issued: number
  perFanLimit: number
  trigger: 'welcome' | 'group_join' | 'win_back' | 'manual'
  storeIds: string[] | null
  paused: boolean
}

export interface CouponDoc {
  _id: string
  code: string
  fanId: string
  templateId: string
  title: string
  kind: CouponTemplateDoc['kind']
  value: number
  thresholdFen: number
  validFrom: number
  validUntil: number
  storeIds: string[] | null
  issuedAt: number
  issuedBy: string
  occasion: string
  storeId: string
  ownerStaffId: string | null
  redeemedAt: number | null
  /** the standing redemption (null after an undo); its store and staff are on the RedemptionDoc */
  redemptionId?: string | null
  /** redemptions ever made, undone ones included: numbers the next redemption's deterministic _id */
  redemptions?: number
  /** the fan's place under the template's perFanLimit (couponHolds); absent on coupons issued before places */
  slot?: number
}

/** One redemption at the till. Never deleted: an undo is recorded on it, so the log stays complete. */
export interface RedemptionDoc {
  _id: string
  couponId: string
  templateId: string
  fanId: string
  storeId: string
  servingStaffId: string
  /** the fan's owning staff member at the moment of redemption */
  ownerStaffId: string | null
  amountFen: number | null
  saleId: string | null
  at: number
  dayKey: string
  undoneAt: number | null
  undoneBy: string | null
}

/** A purchase. Coupon redemptions with an amount write one in the same transaction (idempotencyKey = coupon id). */
export interface SaleDoc {
  _id?: string
  fanId: string
  storeId: string
  amountFen: number
  at: number
  dayKey: string
  ownerStaffId: string | null
  servingStaffId: string | null
  source: 'coupon' | 'staff' | 'pos'
  idempotencyKey: string
  couponId?: string
}

export interface GroupDoc {
  _id: string
  storeId: string
  name: string
  qrUrl: string
  expiresAt: number
  capacity: number
  members: number
  full: boolean
}

/** Daily counters, one row per China day × store × staff ('-' = no staff), bumped with _.inc as events happen. */
export interface CounterDoc {
  _id: string
  dayKey: string
  storeId: string
  staffId: string
  newFans: number
  visits: number
  couponsIssued: number
  byChannel: Record<Channel, number>
  // Optional: rows written before coupons were redeemable lack them, and _.inc creates a missing field.
  couponsRedeemed?: number
  sales?: number
  salesFen?: number
  groupJoins?: number
  /** a fan's first purchase ever, on the day and rows of that sale */
  firstPurchases?: number
  /** second and later purchases, and their amount */
  repurchases?: number
  repurchaseFen?: number
}

export interface SettingsDoc {
  _id: 'brand'
  brandName: string
  policy: AttributionPolicy
  /** overrides of DEFAULT_LIMITS (src/domain/abuse-limits.ts), set by the deployer in the database console */
  limits?: Partial<Record<string, unknown>>
}

/**
 * A staff code whose new fans looked manufactured (a burst, or many from one device): one row per staff
 * member per China day. The fans it lists were bound to the store instead; a manager approves (they move
 * to the staff member) or rejects (they stay with the store).
 */
export interface CodeFlagDoc {
  _id: string
  staffId: string
  storeId: string
  dayKey: string
  reasons: Array<'burst' | 'same_device'>
  /** new fans held by this flag (all of them, even past the listed cap) */
  held: number
  /** the first FLAG_FAN_CAP held fans, in order */
  fanIds: string[]
  firstAt: number
  lastAt: number
  status: 'open' | 'approved' | 'rejected'
  reviewedBy?: string | null
  reviewedAt?: number | null
}
