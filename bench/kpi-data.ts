/**
 * A year of brand history for the KPI benchmark, generated day by day and bulk-inserted as it goes
 * (memory stays one day): fans with their first visit and welcome coupon, return visits, redemptions
 * and sales, plus the daily counter rows bumped exactly as the event path bumps them.
 */
import { chinaDayKey, chinaDayStart, DAY_MS } from '../src/domain/china-time'
import type { LocalDatabase } from '../src/localcloud/db'
import { mulberry32 } from '../src/localcloud/demo/prng'

type Doc = Record<string, unknown>
export interface HistorySize {
  stores: number
  staffPerStore: number
  days: number
  events: number
}

export const storeId = (s: number) => `bs${String(s + 1).padStart(3, '0')}`
export const staffId = (s: number, k: number) => `${storeId(s)}f${String(k + 1).padStart(2, '0')}`

export function seedBrand(local: LocalDatabase, size: HistorySize): void {
  const db = local.api()
  local.bulkInsert(
    'stores',
    Array.from({ length: size.stores }, (_, s) => ({
      _id: storeId(s),
      name: `门店${s + 1}`,
      city: '上海',
      address: `上海市${s + 1}号`,
      location: db.Geo.Point(121.3 + (s % 20) * 0.01, 31.1 + Math.floor(s / 20) * 0.01),
      hours: '10:00-22:00',
      phone: '021-0000',
      active: true,
      codeVersion: 1
    }))
  )
  const staff: Doc[] = [
    { _id: 'bench-mgr', openid: 'bench-manager', name: '品牌运营', storeId: storeId(0), role: 'manager', managesStoreIds: null, active: true, codeVersion: 1 }
  ]
  for (let s = 0; s < size.stores; s++)
    for (let k = 0; k < size.staffPerStore; k++)
      staff.push({
        _id: staffId(s, k),
        openid: `bench-staff-${s}-${k}`,
        name: `导购${s + 1}-${k + 1}`,
        storeId: storeId(s),
        role: 'staff',
        active: true,
        codeVersion: 1
      })
  local.bulkInsert('staff', staff)
}

/** Writes the history ending at `now`; returns the number of events written. */
export function writeHistory(local: LocalDatabase, size: HistorySize, now: number, progress: (day: number, events: number) => void): number {
  const rand = mulberry32(20261123)
  const storeDays = size.stores * size.days
  const base = Math.floor(size.events / storeDays)
  const pools: number[][] = Array.from({ length: size.stores }, () => [])
  const owner: number[] = [] // fan → staff index within its store, -1 = store-owned
  const bought: number[] = [] // fan → purchases so far
  let fans = 0
  let n = 0
  let written = 0
  const firstDay = chinaDayStart(now) - (size.days - 1) * DAY_MS
  for (let d = 0; d < size.days; d++) {
    const dayStart = firstDay + d * DAY_MS
    const dayKey = chinaDayKey(dayStart)
    // Opening hours 09:00–21:00; today's events are squeezed in before now, keeping their order.
    const [open, close] = dayStart + 21 * 3600_000 < now ? [dayStart + 9 * 3600_000, dayStart + 21 * 3600_000] : [dayStart, now - 1000]
    const at = (frac: number) => Math.floor(open + (close - open) * frac)
    const out: Record<'fans' | 'visits' | 'coupons' | 'redemptions' | 'sales', Doc[]> = { fans: [], visits: [], coupons: [], redemptions: [], sales: [] }
    const counters = new Map<string, Doc & { byChannel: Record<string, number> }>()
    const bump = (s: number, k: number, f: Record<string, number>, channel?: string) => {
      const sid = k < 0 ? '-' : staffId(s, k)
      const id = `${dayKey}.${storeId(s)}.${sid}`
      let row = counters.get(id)
      if (!row)
        counters.set(
          id,
          (row = {
            _id: id,
            dayKey,
            storeId: storeId(s),
            staffId: sid,
            newFans: 0,
            visits: 0,
            couponsIssued: 0,
            couponsRedeemed: 0,
            sales: 0,
            salesFen: 0,
            groupJoins: 0,
            firstPurchases: 0,
            repurchases: 0,
            repurchaseFen: 0,
            byChannel: { store_code: 0, staff_code: 0, shared_card: 0, group: 0 }
          })
        )
      for (const [key, v] of Object.entries(f)) row[key] = (row[key] as number) + v
      if (channel) row.byChannel[channel]++
    }
    const staffOrNone = (s: number, p: number) => (rand() < p ? Math.floor(rand() * size.staffPerStore) : -1)
    const ref = (s: number, k: number) => (k < 0 ? null : staffId(s, k))
    for (let s = 0; s < size.stores; s++) {
      const quota = base + (d * size.stores + s < size.events - base * storeDays ? 1 : 0)
      const newFans = Math.max(1, Math.floor(quota * 0.18))
      const redemptions = Math.floor(quota * 0.07)
      const sales = Math.floor(quota * 0.13)
      const returns = quota - 3 * newFans - redemptions - sales
      for (let i = 0; i < newFans; i++) {
        const k = staffOrNone(s, 0.75)
        const r = rand()
        const channel = k < 0 ? (r < 0.2 ? 'group' : 'store_code') : r < 0.8 ? 'staff_code' : 'shared_card'
        const f = fans++
        const t = at(i / newFans)
        pools[s].push(f)
        owner[f] = k
        bought[f] = 0
        out.fans.push({
          _id: `bf${f}`,
          memberCode: `BM${f}`,
          firstStoreId: storeId(s),
          lastStoreId: storeId(s),
          channel,
          capturingStaffId: ref(s, k),
          ownerStaffId: ref(s, k),
          boundAt: k < 0 ? null : t,
          createdAt: t,
          lastVisitAt: t,
          visits: 1
        })
        out.visits.push({ fanId: `bf${f}`, storeId: storeId(s), servingStaffId: ref(s, k), ownerStaffId: ref(s, k), channel, at: t, dayKey })
        out.coupons.push({
          _id: `bc${f}`,
          code: `BC${f}`,
          fanId: `bf${f}`,
          templateId: 'tpl-welcome',
          storeId: storeId(s),
          ownerStaffId: ref(s, k),
          issuedAt: t,
          issuedBy: 'checkin',
          occasion: 'welcome',
          redeemedAt: null
        })
        bump(s, k, { newFans: 1, visits: 1, couponsIssued: 1 }, channel)
      }
      const pool = pools[s]
      const someFan = () => pool[Math.floor(rand() * pool.length)]
      for (let i = 0; i < returns; i++) {
        const f = someFan()
        const k = staffOrNone(s, 0.6)
        out.visits.push({
          fanId: `bf${f}`,
          storeId: storeId(s),
          servingStaffId: ref(s, k),
          ownerStaffId: ref(s, owner[f]),
          channel: 'store_code',
          at: at(rand()),
          dayKey
        })
        bump(s, k, { visits: 1 })
      }
      for (let i = 0; i < redemptions; i++) {
        const f = someFan()
        const k = Math.floor(rand() * size.staffPerStore)
        out.redemptions.push({
          _id: `br${n++}`,
          couponId: `bc${f}`,
          templateId: 'tpl-welcome',
          fanId: `bf${f}`,
          storeId: storeId(s),
          servingStaffId: staffId(s, k),
          ownerStaffId: ref(s, owner[f]),
          amountFen: null,
          saleId: null,
          at: at(rand()),
          dayKey,
          undoneAt: null,
          undoneBy: null
        })
        bump(s, k, { couponsRedeemed: 1 })
      }
      for (let i = 0; i < sales; i++) {
        // Increasing times within the store-day: the purchase order is the time order, as at a real till.
        const f = someFan()
        const k = staffOrNone(s, 0.8)
        const amountFen = 2000 + Math.floor(rand() * 80) * 100
        const nth = ++bought[f]
        out.sales.push({
          _id: `bx${String(n++).padStart(9, '0')}`,
          fanId: `bf${f}`,
          storeId: storeId(s),
          amountFen,
          at: at((i + 0.5) / sales),
          dayKey,
          ownerStaffId: ref(s, owner[f]),
          servingStaffId: ref(s, k),
          source: 'staff',
          idempotencyKey: `bx${n}`
        })
        bump(
          s,
          k,
          nth === 1 ? { sales: 1, salesFen: amountFen, firstPurchases: 1 } : { sales: 1, salesFen: amountFen, repurchases: 1, repurchaseFen: amountFen }
        )
      }
    }
    for (const [coll, docs] of Object.entries(out)) {
      local.bulkInsert(coll, docs)
      written += docs.length
    }
    local.bulkInsert('counters', [...counters.values()])
    progress(d, written)
  }
  return written
}
