import type { CloudDatabase } from '../db'
import { DEFAULT_POLICY } from '../../contract'
import { BRAND_NAME, STAFF, STORES, TEMPLATES } from './brand'
import { buildBook } from './book'
import { buildHistory, demoGroupId } from './history'
import type { InviteDoc } from '../../functions/_lib/team-invites'

type Doc = Record<string, unknown>

/** The demo's pending invite (人民广场店, from 店长 林涛): open /#/pages/invite/index?inviteId=<this> as a new persona. */
export const DEMO_INVITE_ID = 'DemoInviteSt02Staff1'

async function addAll(db: CloudDatabase, collection: string, docs: readonly object[]): Promise<void> {
  for (const doc of docs) await db.collection(collection).add({ data: doc as Doc })
}

/** True when the data folder has never been seeded (or was reset). */
export async function isEmpty(db: CloudDatabase): Promise<boolean> {
  const res = await db.collection('settings').where({ _id: 'brand' }).count()
  return res.total === 0
}

/** Seed one brand: stores, staff, templates, group codes and 60 days of history ending at `now`. */
export async function seedDemo(db: CloudDatabase, now: number): Promise<{ fans: number; visits: number }> {
  const history = buildHistory(now)
  const book = buildBook(history, now)
  await addAll(
    db,
    'stores',
    STORES.map((s) => ({ ...s, location: db.Geo.Point(s.location.longitude, s.location.latitude) }))
  )
  await addAll(db, 'staff', STAFF)
  const issuedWelcome = history.coupons.length
  await addAll(db, 'couponTemplates', [...TEMPLATES.map((t) => (t.trigger === 'welcome' ? { ...t, issued: issuedWelcome } : t)), ...book.templates])
  await addAll(
    db,
    'groups',
    STORES.map((s, i) => ({
      _id: demoGroupId(s._id),
      storeId: s._id,
      name: `${s.name}粉丝群1`,
      qrUrl: `/files/demo/group-${s._id}.png`,
      expiresAt: now + (2 + i) * 24 * 3600_000,
      capacity: 200,
      members: history.groupMembers.filter((m) => m.storeId === s._id).length,
      full: false
    }))
  )
  await addAll(db, 'fans', book.fans)
  await addAll(db, 'fanNotes', book.notes)
  await addAll(db, 'followUps', book.followUps)
  await addAll(db, 'visits', history.visits)
  await addAll(db, 'coupons', history.coupons)
  await addAll(db, 'sales', history.sales)
  await addAll(db, 'redemptions', history.redemptions)
  await addAll(db, 'fanPurchases', history.fanPurchases)
  await addAll(db, 'groupMembers', history.groupMembers)
  await addAll(db, 'counters', history.counters)
  // One invite nobody has opened yet, so 团队与二维码 shows what a pending one looks like.
  const invitedAt = now - 3600_000
  const pending: InviteDoc = {
    _id: DEMO_INVITE_ID,
    kind: 'staff',
    storeId: 'st02',
    storeName: '人民广场店',
    name: '小陈',
    createdBy: 'mg02',
    createdByName: '林涛',
    createdAt: invitedAt,
    expiresAt: invitedAt + 7 * 24 * 3600_000,
    status: 'pending'
  }
  await addAll(db, 'invites', [pending])
  // Last: its presence marks the data folder as seeded.
  await db.collection('settings').add({ data: { _id: 'brand', brandName: BRAND_NAME, policy: DEFAULT_POLICY } })
  return { fans: history.fans.length, visits: history.visits.length }
}
