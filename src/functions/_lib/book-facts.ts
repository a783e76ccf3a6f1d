import { dueFollowUps, followUpLabel, type DueFollowUp } from '../../domain/follow-up'
import { cloud, db, _ } from './cloud'
import type { BookFan, FollowUpDoc } from './book-docs'
import type { CouponDoc } from './docs'
import { slices } from './reads'
import type { PurchaseSummaryDoc, SubscriptionDoc } from './sales-docs'

export interface Facts {
  purchases: PurchaseSummaryDoc | null
  due: DueFollowUp[]
  reminderConsents: number
}

const byFan = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>()
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r])
  return m
}

/**
 * What the book and the follow-up list need about a page of fans, in four queries whatever the page size
 * (≤ 100 fans): purchase summaries, unused coupons, follow-ups done and reminder consents.
 */
export async function loadFacts(fans: readonly BookFan[], now: number): Promise<Map<string, Facts>> {
  const out = new Map<string, Facts>()
  if (fans.length === 0) return out
  const ids = fans.map((f) => f._id)
  const part = await Promise.all(
    slices(ids).map((s) =>
      Promise.all([
        db
          .collection('fanPurchases')
          .where({ _id: _.in(s) })
          .limit(100)
          .get(),
        db
          .collection('coupons')
          .where({ fanId: _.in(s), redeemedAt: null, validUntil: _.gte(now) })
          .field({ fanId: true, validUntil: true })
          .limit(1000)
          .get(),
        db
          .collection('followUps')
          .where({ fanId: _.in(s) })
          .field({ fanId: true, key: true })
          .limit(1000)
          .get(),
        db
          .collection('subscriptions')
          .where({ _id: _.in(s.map((id) => `${id}.winBack`)) })
          .limit(100)
          .get()
      ])
    )
  )
  const purchases = new Map(part.flatMap(([p]) => (p.data as PurchaseSummaryDoc[]).map((d) => [d._id, d] as const)))
  const coupons = byFan(
    part.flatMap(([, c]) => c.data as Array<Pick<CouponDoc, '_id' | 'fanId' | 'validUntil'>>),
    (c) => c.fanId
  )
  const done = byFan(
    part.flatMap(([, , f]) => f.data as Array<Pick<FollowUpDoc, 'fanId' | 'key'>>),
    (f) => f.fanId
  )
  const consents = new Map(part.flatMap(([, , , s]) => (s.data as SubscriptionDoc[]).map((d) => [d.fanId, d.balance] as const)))
  for (const fan of fans) {
    const p = purchases.get(fan._id) ?? null
    const due = dueFollowUps(
      {
        createdAt: fan.createdAt,
        purchases: p?.purchases ?? 0,
        lastPurchaseAt: p?.lastPurchaseAt ?? null,
        birthMonth: fan.profile?.birthMonth ?? null,
        coupons: (coupons.get(fan._id) ?? []).map((c) => ({ couponId: c._id, validUntil: c.validUntil })),
        done: new Set((done.get(fan._id) ?? []).map((d) => d.key))
      },
      now
    )
    out.set(fan._id, { purchases: p, due, reminderConsents: consents.get(fan._id) ?? 0 })
  }
  return out
}

export const dueView = (due: readonly DueFollowUp[]) => due.map((d) => ({ reason: d.reason, label: followUpLabel(d) }))

/** Temporary URLs for avatar fileIDs (they expire, so they are made on each read). */
export async function avatarUrls(fans: readonly BookFan[]): Promise<Map<string, string>> {
  const ids = [...new Set(fans.map((f) => f.profile?.avatarFileId).filter((id): id is string => !!id))]
  if (ids.length === 0) return new Map()
  const { fileList } = await cloud.getTempFileURL({ fileList: ids })
  return new Map(fileList.filter((f) => f.tempFileURL).map((f) => [f.fileID, f.tempFileURL] as const))
}

/** The consented fields, as the contract shows them (null where not shared). */
export function profileView(fan: BookFan, urls: Map<string, string>) {
  const p = fan.profile ?? {}
  return {
    nickname: p.nickname ?? null,
    avatarUrl: p.avatarFileId ? (urls.get(p.avatarFileId) ?? null) : null,
    phoneTail: p.phoneTail ?? null,
    birthMonth: p.birthMonth ?? null
  }
}
