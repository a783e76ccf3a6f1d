import { couponState } from '../domain/coupon-validity'
import { chinaDaysBetween, EXPIRING_WITHIN_DAYS } from '../domain/follow-up'
import { visibleFan } from './_lib/book-access'
import { avatarUrls, dueView, loadFacts, profileView } from './_lib/book-facts'
import { followUpsOf, notesOf } from './_lib/book-notes'
import { followUpTemplates } from './_lib/book-templates'
import { db } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { CouponDoc, SaleDoc } from './_lib/docs'
import type { GroupMemberDoc } from './_lib/group-docs'
import { staffByIds } from './_lib/kpi-read'
import { namesById } from './_lib/reads'

const RECENT_SALES = 10
/** a fan's coupons read for the counts; a fan with more is rare and the counts then say "at least" */
const COUPONS_READ = 200

/** One fan's page in the book: only for their owning staff member and that member's managers. Times are floored to whole ms (the contract's Millis; older demo data holds fractions). */
export const main = defineFunction('fanDetail', async ({ memberCode }, caller) => {
  const fan = await visibleFan(caller, memberCode)
  const now = Date.now()
  const [facts, urls, sales, coupons, groups, notes, followUps, templates] = await Promise.all([
    loadFacts([fan], now),
    avatarUrls([fan]),
    db.collection('sales').where({ fanId: fan._id }).orderBy('at', 'desc').limit(RECENT_SALES).get(),
    db.collection('coupons').where({ fanId: fan._id }).orderBy('issuedAt', 'desc').limit(COUPONS_READ).get(),
    db.collection('groupMembers').where({ fanId: fan._id }).limit(20).get(),
    notesOf(fan._id),
    followUpsOf(fan._id),
    followUpTemplates(fan.lastStoreId)
  ])
  const x = facts.get(fan._id)
  const saleRows = sales.data as SaleDoc[]
  const couponRows = coupons.data as CouponDoc[]
  const groupRows = groups.data as GroupMemberDoc[]
  const [stores, groupNames, owner] = await Promise.all([
    namesById('stores', [fan.lastStoreId, ...saleRows.map((s) => s.storeId)]),
    namesById(
      'groups',
      groupRows.map((g) => g.groupId)
    ),
    fan.ownerStaffId ? staffByIds([fan.ownerStaffId]) : Promise.resolve(new Map<string, { name: string }>())
  ])
  const usable = couponRows.filter((c) => couponState(c, now) === 'usable')
  return {
    ...profileView(fan, urls),
    memberCode: fan.memberCode,
    store: stores.get(fan.lastStoreId) ?? fan.lastStoreId,
    ownerStaff: fan.ownerStaffId ? (owner.get(fan.ownerStaffId)?.name ?? null) : null,
    firstVisitAt: Math.floor(fan.createdAt),
    lastVisitAt: Math.floor(fan.lastVisitAt),
    visits: fan.visits,
    purchases: {
      count: x?.purchases?.purchases ?? 0,
      totalFen: x?.purchases?.totalFen ?? 0,
      recent: saleRows.map((s) => ({ at: Math.floor(s.at), amountFen: s.amountFen, store: stores.get(s.storeId) ?? s.storeId }))
    },
    coupons: {
      held: usable.length,
      used: couponRows.filter((c) => c.redeemedAt !== null).length,
      expiring: usable
        .filter((c) => chinaDaysBetween(now, c.validUntil) <= EXPIRING_WITHIN_DAYS)
        .sort((a, b) => a.validUntil - b.validUntil)
        .map((c) => ({ title: c.title, validUntil: Math.floor(c.validUntil) }))
    },
    groups: groupRows.map((g) => ({ name: groupNames.get(g.groupId) ?? g.groupId, joinedAt: Math.floor(g.joinedAt) })),
    tags: fan.tags ?? [],
    ...notes,
    followUps,
    due: dueView(x?.due ?? []),
    reminderConsents: x?.reminderConsents ?? 0,
    templates: templates.map((t) => ({ templateId: t._id, title: t.title }))
  }
})
