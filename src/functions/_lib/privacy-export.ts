import { MY_DATA_CAP, type MyData } from '../../contract/privacy'
import { couponState } from '../../domain/coupon-validity'
import { bookExportFor } from './book-export'
import { readableExport } from '../../domain/privacy-readable'
import { db } from './cloud'
import type { Caller } from './caller'
import { getDoc } from './data'
import type { BindingEventDoc, CouponDoc, FanDoc, RedemptionDoc, SaleDoc, VisitDoc } from './docs'
import type { GroupMemberDoc, GroupSightingDoc } from './group-docs'
import { staffByIds } from './kpi-read'
import { namesById } from './reads'
import type { SubscriptionDoc } from './sales-docs'

interface Listed<T> {
  total: number
  rows: T[]
}

/** The caller's newest rows of one collection (at most the cap) and how many there are in all. */
async function mine<T>(collection: string, openid: string, newestFirst: string): Promise<Listed<T>> {
  const q = db.collection(collection).where({ fanId: openid })
  const [page, count] = await Promise.all([q.orderBy(newestFirst, 'desc').limit(MY_DATA_CAP).get(), q.count()])
  return { total: count.total, rows: page.data as T[] }
}

const shown = <T, R>(l: Listed<T>, row: (x: T) => R) => ({ total: l.total, rows: l.rows.map(row), truncated: l.total > l.rows.length })

/**
 * Everything we hold about the caller, as plain JSON: only documents keyed by their own openid, never a
 * hash (the phone is "bound: yes/no"), never another person's record. Store, staff and group ids are
 * turned into names so the export reads without our database.
 */
export async function exportFor(caller: Caller, now: number): Promise<MyData> {
  const openid = caller.openid
  const [fan, visits, coupons, redemptions, sales, bindings, joins, sightings, phones, consents] = await Promise.all([
    getDoc<FanDoc>('fans', openid),
    mine<VisitDoc>('visits', openid, 'at'),
    mine<CouponDoc>('coupons', openid, 'issuedAt'),
    mine<RedemptionDoc>('redemptions', openid, 'at'),
    mine<SaleDoc>('sales', openid, 'at'),
    mine<BindingEventDoc>('bindingEvents', openid, 'at'),
    mine<GroupMemberDoc>('groupMembers', openid, 'joinedAt'),
    mine<GroupSightingDoc>('groupSightings', openid, 'lastSeenAt'),
    db.collection('fanPhones').where({ fanId: openid }).count(),
    getDoc<SubscriptionDoc>('subscriptions', `${openid}.winBack`)
  ])
  const staffIds = [
    ...(fan ? [fan.capturingStaffId, fan.ownerStaffId] : []),
    ...visits.rows.map((v) => v.servingStaffId),
    ...bindings.rows.flatMap((b) => [b.from, b.to])
  ].filter((id): id is string => !!id)
  const storeIds = [
    ...(fan ? [fan.firstStoreId, fan.lastStoreId] : []),
    ...(caller.staff ? [caller.staff.storeId] : []),
    ...[visits, redemptions, sales, bindings, joins].flatMap((l: Listed<{ storeId: string }>) => l.rows.map((r) => r.storeId))
  ]
  const groupIds = [...joins.rows.map((j) => j.groupId), ...sightings.rows.map((s) => s.groupId)].filter((id): id is string => !!id)
  const [staff, stores, groups] = await Promise.all([staffByIds([...new Set(staffIds)]), namesById('stores', storeIds), namesById('groups', groupIds)])
  const store = (id: string) => stores.get(id) ?? id
  const person = (id: string | null) => (id ? (staff.get(id)?.name ?? id) : null)
  const group = (id: string) => groups.get(id) ?? id

  const data: MyData = {
    exportedAt: now,
    cap: MY_DATA_CAP,
    fan: fan
      ? {
          memberCode: fan.memberCode,
          channel: fan.channel,
          firstStore: store(fan.firstStoreId),
          lastStore: store(fan.lastStoreId),
          capturingStaff: person(fan.capturingStaffId),
          ownerStaff: person(fan.ownerStaffId),
          boundAt: fan.boundAt,
          createdAt: fan.createdAt,
          lastVisitAt: fan.lastVisitAt,
          visits: fan.visits
        }
      : null,
    staff: caller.staff ? { name: caller.staff.name, store: store(caller.staff.storeId), role: caller.staff.role } : null,
    visits: shown(visits, (v) => ({ at: v.at, store: store(v.storeId), servingStaff: person(v.servingStaffId), channel: v.channel })),
    coupons: shown(coupons, (c) => ({
      title: c.title,
      code: c.code,
      state: couponState(c, now),
      issuedAt: c.issuedAt,
      validUntil: c.validUntil,
      redeemedAt: c.redeemedAt,
      occasion: c.occasion
    })),
    redemptions: shown(redemptions, (r) => ({ at: r.at, store: store(r.storeId), amountFen: r.amountFen, undone: r.undoneAt !== null })),
    sales: shown(sales, (s) => ({ at: s.at, store: store(s.storeId), amountFen: s.amountFen, source: s.source })),
    bindingEvents: shown(bindings, (b) => ({ at: b.at, store: store(b.storeId), from: person(b.from), to: person(b.to), reason: b.reason })),
    groupJoins: shown(joins, (j) => ({ joinedAt: j.joinedAt, group: group(j.groupId), store: store(j.storeId) })),
    groupSightings: shown(sightings, (s) => ({ firstSeenAt: s.firstSeenAt, lastSeenAt: s.lastSeenAt, group: s.groupId ? group(s.groupId) : null })),
    phoneBound: phones.total > 0,
    reminderConsents: consents?.balance ?? 0,
    book: await bookExportFor(openid)
  }
  // the file the shopper downloads: the same fields in Chinese, with China-time dates (a field added
  // above needs a label in domain/privacy-readable.ts; its unit test says so)
  return { ...data, readable: readableExport(data) }
}
