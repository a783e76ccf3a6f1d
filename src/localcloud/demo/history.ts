import type { Channel } from '../../contract'
import { chinaDayKey, chinaDayStart, DAY_MS } from '../../domain/china-time'
import { couponCodeFor, couponIdFor, memberCodeFor } from '../../domain/codes'
import { validityWindow } from '../../domain/coupon-validity'
import { COUNTER_FIELDS } from '../../domain/counter-fields'
import type { CounterDoc, CouponDoc, FanDoc, RedemptionDoc, SaleDoc, VisitDoc } from '../../functions/_lib/docs'
import type { GroupMemberDoc } from '../../functions/_lib/group-docs'
import type { FanGroupStamp } from '../../functions/_lib/group-share'
import type { PurchaseSummaryDoc } from '../../functions/_lib/sales-docs'
import { deriveFromEvents } from './derived'
import { STAFF, STORES, TEMPLATES } from './brand'
import { mulberry32 } from './prng'

export interface History {
  fans: FanDoc[]
  visits: VisitDoc[]
  coupons: CouponDoc[]
  sales: SaleDoc[]
  redemptions: RedemptionDoc[]
  fanPurchases: PurchaseSummaryDoc[]
  groupMembers: GroupMemberDoc[]
  counters: CounterDoc[]
}

/** The demo stores' one group each (seeded with the history). */
export const demoGroupId = (storeId: string) => `gr-${storeId}-1`

/**
 * 60 days of fans, visits, welcome coupons, redemptions and sales, generated as events, with the daily
 * counters derived from those same events, so counters and the event log agree from the first start.
 */
export function buildHistory(now: number, days = 60): History {
  const rand = mulberry32(20261123)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const fans: FanDoc[] = []
  const visits: VisitDoc[] = []
  const coupons: CouponDoc[] = []
  const sales: SaleDoc[] = []
  const groupMembers: GroupMemberDoc[] = []
  // Joins draw from their own stream, so adding them left every other demo figure as it was.
  const joinRand = mulberry32(4)
  const counters = new Map<string, CounterDoc>()
  const welcome = TEMPLATES[0]
  const staffOnly = STAFF.filter((s) => s.role === 'staff')
  const bump = (dayKey: string, storeId: string, staffId: string | null, f: (c: CounterDoc) => void) => {
    const id = `${dayKey}.${storeId}.${staffId ?? '-'}`
    const zeros = Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as Record<(typeof COUNTER_FIELDS)[number], number>
    const row = counters.get(id) ?? {
      _id: id,
      dayKey,
      storeId,
      staffId: staffId ?? '-',
      ...zeros,
      byChannel: { store_code: 0, staff_code: 0, shared_card: 0, group: 0 }
    }
    f(row)
    counters.set(id, row)
  }
  const today = chinaDayStart(now)
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = today - d * DAY_MS
    for (const store of STORES) {
      const newFans = 2 + Math.floor(rand() * 5)
      for (let n = 0; n < newFans; n++) {
        // whole milliseconds, as Date.now() gives: the contract's Millis is an integer (a fractional cursor was refused)
        const at = Math.floor(Math.min(now - 60_000, dayStart + (10 + rand() * 11) * 3600_000))
        const staff = rand() < 0.8 ? pick(staffOnly.filter((s) => s.storeId === store._id)) : null
        const channel: Channel = staff ? (rand() < 0.2 ? 'shared_card' : 'staff_code') : 'store_code'
        const openid = `demo-fan-${fans.length + 1}`
        const fan: FanDoc = {
          _id: openid,
          memberCode: memberCodeFor(openid),
          firstStoreId: store._id,
          lastStoreId: store._id,
          channel,
          capturingStaffId: staff?._id ?? null,
          ownerStaffId: staff?._id ?? null,
          boundAt: staff ? at : null,
          createdAt: at,
          lastVisitAt: at,
          visits: 1
        }
        fans.push(fan)
        const dayKey = chinaDayKey(at)
        visits.push({ fanId: openid, storeId: store._id, servingStaffId: staff?._id ?? null, ownerStaffId: fan.ownerStaffId, channel, at, dayKey })
        const couponId = couponIdFor(openid, welcome._id, 'welcome')
        const redeemed = rand() < 0.45 ? Math.floor(at + rand() * 5 * DAY_MS) : null
        const coupon: CouponDoc = {
          _id: couponId,
          code: couponCodeFor(couponId),
          fanId: openid,
          templateId: welcome._id,
          title: welcome.title,
          kind: welcome.kind,
          value: welcome.value,
          thresholdFen: welcome.thresholdFen,
          ...validityWindow(welcome.validity, at),
          storeIds: null,
          issuedAt: at,
          issuedBy: 'checkin',
          occasion: 'welcome',
          storeId: store._id,
          ownerStaffId: fan.ownerStaffId,
          redeemedAt: redeemed !== null && redeemed < now ? redeemed : null
        }
        coupons.push(coupon)
        bump(dayKey, store._id, staff?._id ?? null, (c) => {
          c.newFans++
          c.visits++
          c.couponsIssued++
          c.byChannel[channel]++
        })
        // About a third join the store's group soon after checking in, as joinGroup records it.
        if (joinRand() < 0.35) {
          const joinedAt = Math.floor(Math.min(now - 30_000, at + (5 + joinRand() * 40) * 60_000))
          groupMembers.push({
            _id: `${demoGroupId(store._id)}.${openid}`,
            groupId: demoGroupId(store._id),
            storeId: store._id,
            fanId: openid,
            channel,
            ownerStaffId: fan.ownerStaffId,
            joinedAt,
            dayKey: chinaDayKey(joinedAt)
          })
          ;(fan as FanDoc & FanGroupStamp).homeGroupJoinedAt = joinedAt
          bump(chinaDayKey(joinedAt), store._id, fan.ownerStaffId, (c) => (c.groupJoins = (c.groupJoins ?? 0) + 1))
        }
        // Some fans buy, and some come back to buy again.
        let saleAt = at
        for (let k = 0; k < 3 && rand() < (k === 0 ? 0.6 : 0.35); k++) {
          saleAt += k === 0 ? 0 : Math.floor((3 + rand() * 20) * DAY_MS)
          if (saleAt >= now) break
          sales.push({
            fanId: openid,
            storeId: store._id,
            amountFen: 2800 + Math.floor(rand() * 60) * 100,
            at: saleAt,
            dayKey: chinaDayKey(saleAt),
            ownerStaffId: fan.ownerStaffId,
            servingStaffId: staff?._id ?? null,
            source: 'staff',
            idempotencyKey: `demo-${openid}-${k}`
          })
          if (k > 0) {
            fan.visits++
            fan.lastVisitAt = saleAt
            visits.push({
              fanId: openid,
              storeId: store._id,
              servingStaffId: null,
              ownerStaffId: fan.ownerStaffId,
              channel: 'store_code',
              at: saleAt,
              dayKey: chinaDayKey(saleAt)
            })
            bump(chinaDayKey(saleAt), store._id, null, (c) => c.visits++)
          }
        }
      }
    }
  }
  addRegular(now, { fans, visits, coupons, sales }, bump)
  const { redemptions, fanPurchases } = deriveFromEvents(coupons, sales, bump)
  return { fans, visits, coupons, sales, redemptions, fanPurchases, groupMembers, counters: [...counters.values()] }
}

type Bump = (dayKey: string, storeId: string, staffId: string | null, f: (c: CounterDoc) => void) => void

/** The persona 顾客 小林: a fan of 王芳 at 静安寺店 for 20 days, three visits, two purchases, a coupon to use. */
function addRegular(now: number, h: Pick<History, 'fans' | 'visits' | 'coupons' | 'sales'>, bump: Bump): void {
  const openid = 'demo-shopper-1'
  const joined = chinaDayStart(now) - 20 * DAY_MS + 14 * 3600_000
  const visitTimes = [joined, joined + 6 * DAY_MS, joined + 15 * DAY_MS]
  h.fans.push({
    _id: openid,
    memberCode: memberCodeFor(openid),
    firstStoreId: 'st01',
    lastStoreId: 'st01',
    channel: 'staff_code',
    capturingStaffId: 'sf01',
    ownerStaffId: 'sf01',
    boundAt: joined,
    createdAt: joined,
    lastVisitAt: visitTimes[2],
    visits: 3
  })
  visitTimes.forEach((at, i) => {
    h.visits.push({ fanId: openid, storeId: 'st01', servingStaffId: 'sf01', ownerStaffId: 'sf01', channel: 'staff_code', at, dayKey: chinaDayKey(at) })
    bump(chinaDayKey(at), 'st01', 'sf01', (c) => {
      c.visits++
      if (i === 0) {
        c.newFans++
        c.couponsIssued++
        c.byChannel.staff_code++
      }
    })
  })
  const welcome = TEMPLATES[0]
  const couponId = couponIdFor(openid, welcome._id, 'welcome')
  const issuedAt = visitTimes[0]
  h.coupons.push({
    _id: couponId,
    code: couponCodeFor(couponId),
    fanId: openid,
    templateId: welcome._id,
    title: welcome.title,
    kind: welcome.kind,
    value: welcome.value,
    thresholdFen: welcome.thresholdFen,
    ...validityWindow(welcome.validity, issuedAt),
    storeIds: null,
    issuedAt,
    issuedBy: 'checkin',
    occasion: 'welcome',
    storeId: 'st01',
    ownerStaffId: 'sf01',
    redeemedAt: visitTimes[1]
  })
  for (const [k, at] of [visitTimes[1], visitTimes[2]].entries()) {
    h.sales.push({
      fanId: openid,
      storeId: 'st01',
      amountFen: 4600 + k * 1200,
      at,
      dayKey: chinaDayKey(at),
      ownerStaffId: 'sf01',
      servingStaffId: 'sf01',
      source: 'staff',
      idempotencyKey: `demo-${openid}-${k}`
    })
  }
}
