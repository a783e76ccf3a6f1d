import { chinaDayKey } from './china-time'
import { emptyTally, T, type KpiChannel, type Tally, type TallyField } from './kpi-tally'

/**
 * Which counter row each event bumps, written once so that the rebuild job and the benchmark's
 * "from raw events" side count exactly as the event path does: the row of the event's China day, its
 * store and the staff member it credits ('-' for none).
 */
export interface FanEvent {
  _id: string
  firstStoreId: string
  /** set later for a fan first met through a store code, so only a fallback for the first visit's staff */
  capturingStaffId: string | null
  channel: KpiChannel
  createdAt: number
  returning?: boolean
}
export interface VisitEvent {
  fanId: string
  storeId: string
  servingStaffId: string | null
  at: number
}
export interface CouponEvent {
  fanId: string
  storeId: string
  ownerStaffId: string | null
  /** 'checkin' for the welcome coupon, credited like the new fan to the check-in's serving staff */
  issuedBy: string
  issuedAt: number
}
export interface RedemptionEvent {
  storeId: string
  servingStaffId: string | null
  at: number
  undoneAt?: number | null
}
export interface SaleEvent {
  _id?: string
  fanId: string
  storeId: string
  amountFen: number
  at: number
  servingStaffId: string | null
  /** a sale outside the stores being counted: it only advances the fan's purchase count (#18.27) */
  context?: boolean
}
/** a groupMembers document: the join is credited to the fan's owner */
export interface GroupJoinEvent {
  storeId: string
  ownerStaffId: string | null
  joinedAt: number
}

export interface EventSet {
  fans: FanEvent[]
  visits: VisitEvent[]
  coupons: CouponEvent[]
  redemptions: RedemptionEvent[]
  sales: SaleEvent[]
  groupJoins: GroupJoinEvent[]
}

export interface CountedRow {
  _id: string
  dayKey: string
  storeId: string
  staffId: string
  tally: Tally
}

export const counterRowId = (dayKey: string, storeId: string, staffId: string | null): string => `${dayKey}.${storeId}.${staffId ?? '-'}`

/**
 * Counts a set of events into counter rows. `purchases` holds, per fan, how many purchases the fan
 * made before the first sale in `sales`, so that first purchases and repurchases are told apart (sales
 * in time order, then id); it is advanced as sales are counted, so consecutive days count in turn.
 */
export function tallyEvents(ev: EventSet, purchases: Map<string, number>): Map<string, CountedRow> {
  const rows = new Map<string, CountedRow>()
  const bump = (at: number, storeId: string, staffId: string | null, field: TallyField, n = 1) => {
    const dayKey = chinaDayKey(at)
    const id = counterRowId(dayKey, storeId, staffId)
    let row = rows.get(id)
    if (!row) rows.set(id, (row = { _id: id, dayKey, storeId, staffId: staffId ?? '-', tally: emptyTally() }))
    row.tally[T[field]] += n
  }
  // A check-in writes the fan, its visit and the welcome coupon at one instant: that visit's serving
  // staff member is the one the new fan and the coupon were counted for.
  const served = new Map(ev.visits.map((v) => [`${v.fanId}@${v.at}`, v.servingStaffId]))
  const checkinStaff = (fanId: string, at: number, fallback: string | null) => {
    const s = served.get(`${fanId}@${at}`)
    return s === undefined ? fallback : s
  }
  for (const f of ev.fans) {
    // a former fan back after deleting their data is not a new fan (no welcome, no credit)
    if (f.returning) continue
    const staffId = checkinStaff(f._id, f.createdAt, f.capturingStaffId)
    bump(f.createdAt, f.firstStoreId, staffId, 'newFans')
    bump(f.createdAt, f.firstStoreId, staffId, `byChannel.${f.channel}`)
  }
  for (const v of ev.visits) bump(v.at, v.storeId, v.servingStaffId, 'visits')
  for (const c of ev.coupons) bump(c.issuedAt, c.storeId, c.issuedBy === 'checkin' ? checkinStaff(c.fanId, c.issuedAt, c.ownerStaffId) : null, 'couponsIssued')
  for (const r of ev.redemptions) if (r.undoneAt == null) bump(r.at, r.storeId, r.servingStaffId, 'couponsRedeemed')
  for (const g of ev.groupJoins) bump(g.joinedAt, g.storeId, g.ownerStaffId, 'groupJoins')
  const key = (s: SaleEvent) => String(s._id ?? '')
  const sales = [...ev.sales].sort((a, b) => a.at - b.at || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  // Every sale is a purchase, whichever way it was recorded (staff, POS, a coupon with an amount).
  for (const s of sales) {
    const nth = (purchases.get(s.fanId) ?? 0) + 1
    purchases.set(s.fanId, nth)
    if (s.context) continue
    bump(s.at, s.storeId, s.servingStaffId, 'sales')
    bump(s.at, s.storeId, s.servingStaffId, 'salesFen', s.amountFen)
    bump(s.at, s.storeId, s.servingStaffId, nth === 1 ? 'firstPurchases' : 'repurchases')
    if (nth > 1) bump(s.at, s.storeId, s.servingStaffId, 'repurchaseFen', s.amountFen)
  }
  return rows
}
