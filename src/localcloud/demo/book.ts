import { chinaDayKey, DAY_MS } from '../../domain/china-time'
import { couponState } from '../../domain/coupon-validity'
import { chinaMonth, dueFollowUps } from '../../domain/follow-up'
import type { BookFan, FanNoteDoc, FollowUpDoc } from '../../functions/_lib/book-docs'
import type { CouponTemplateDoc, FanDoc } from '../../functions/_lib/docs'
import { STAFF } from './brand'
import type { History } from './history'

/**
 * The customer book of the demo brand, so that it is full on first start: for the fans of two staff
 * members (王芳 at 静安寺店, 张伟 at 人民广场店, both personas) nicknames and what else those fans chose to
 * show, tags, notes, a few follow-ups already done, and a manual template to hand out in follow-ups.
 * Due follow-ups come from the history itself (lapses, expiring welcome coupons, new fans who never
 * bought) plus one birthday this month. 小林 (demo-shopper-1) is left as she is: she fills in her own.
 */
const NICKNAMES = ['阿May', 'Kevin', '小雨', '周周', '大橙子', 'Lily', '老陈', '糖糖', '阿杰', 'Coco']
const TAGS = [['常客', '燕麦拿铁'], ['上班族'], ['学生', '周末'], ['常客'], ['爱甜点'], ['带娃'], ['常客', '美式'], ['上班族', '外带']]
const NOTES = ['喜欢燕麦奶，少冰', '每周三下午和同事一起来', '对坚果过敏', '想要会员生日礼', '常点提拉米苏', '带孩子来，需要儿童椅']
const BOOK_STAFF = ['sf01', 'sf03']

export const CARE_TEMPLATE: CouponTemplateDoc = {
  _id: 'tpl-care',
  title: '导购关怀券 满50减10',
  kind: 'amount_off',
  value: 1000,
  thresholdFen: 5000,
  validity: { type: 'days', days: 7 },
  stock: 2000,
  issued: 0,
  perFanLimit: 2,
  trigger: 'manual',
  storeIds: null,
  paused: false
}

export interface DemoBook {
  fans: FanDoc[]
  notes: FanNoteDoc[]
  followUps: FollowUpDoc[]
  templates: CouponTemplateDoc[]
}

export function buildBook(h: History, now: number): DemoBook {
  const fans: BookFan[] = h.fans.map((f) => ({ ...f }))
  const notes: FanNoteDoc[] = []
  const followUps: FollowUpDoc[] = []
  const purchases = new Map(h.fanPurchases.map((p) => [p._id, p]))
  const dueAt = (f: BookFan, at: number) => {
    const p = purchases.get(f._id)
    return dueFollowUps(
      {
        createdAt: f.createdAt,
        purchases: p?.purchases ?? 0,
        lastPurchaseAt: p?.lastPurchaseAt ?? null,
        birthMonth: f.profile?.birthMonth ?? null,
        coupons: h.coupons.filter((c) => c.fanId === f._id && couponState(c, at) === 'usable').map((c) => ({ couponId: c._id, validUntil: c.validUntil })),
        done: new Set()
      },
      at
    )
  }
  for (const staffId of BOOK_STAFF) {
    const storeId = STAFF.find((s) => s._id === staffId)?.storeId ?? 'st01'
    const mine = fans.filter((f) => f.ownerStaffId === staffId && f._id !== 'demo-shopper-1').sort((a, b) => b.lastVisitAt - a.lastVisitAt)
    // Half the named fans are due today and half are not, so both the follow-up list and the book show names.
    const due = mine.filter((f) => dueAt(f, now).length > 0)
    const calm = mine.filter((f) => dueAt(f, now).length === 0)
    const named = Array.from({ length: NICKNAMES.length / 2 }, (_, i) => [calm[i], due[i]])
      .flat()
      .filter((f): f is BookFan => !!f)
    named.forEach((f, i) => {
      f.profile = { nickname: NICKNAMES[i], nameKey: NICKNAMES[i].toLowerCase() }
      if (i % 2 === 0) f.profile.phoneTail = String(1000 + ((i * 1237 + staffId.length * 311) % 9000)).padStart(4, '0')
      if (i === 2) f.profile.birthMonth = chinaMonth(now)
      if (i % 3 === 1) f.profile.birthMonth = ((chinaMonth(now) + i) % 12) + 1
      if (i < TAGS.length) f.tags = TAGS[i]
      if (i < NOTES.length) notes.push({ _id: `nt_demo_${staffId}_${i}`, fanId: f._id, staffId, text: NOTES[i], at: now - (i + 1) * 3 * DAY_MS })
    })
    // Two follow-ups already done a day ago, on the first fans due then: the manager's panel is not empty.
    let done = 0
    for (const f of mine) {
      if (done === 2) break
      const yesterday = now - DAY_MS
      const reasons = dueAt(f, yesterday)
      if (reasons.length === 0) continue
      followUps.push({
        _id: `fu_demo_${staffId}_${done}`,
        fanId: f._id,
        key: reasons[0].key,
        reason: reasons[0].reason,
        action: 'done',
        note: '微信回访过，说这周会来',
        staffId,
        storeId,
        at: yesterday,
        dayKey: chinaDayKey(yesterday),
        couponId: null,
        requestId: `demo-${staffId}-${done}`
      })
      done++
    }
  }
  return { fans, notes, followUps, templates: [CARE_TEMPLATE] }
}
