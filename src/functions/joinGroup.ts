import type { CouponView } from '../contract'
import { chinaDayKey } from '../domain/china-time'
import { db, _ } from './_lib/cloud'
import { bumpCounter, counterReady, counterUpdate } from './_lib/counters'
import { untilSettled } from './_lib/coupons'
import { issueFromTemplate } from './_lib/coupons-issue'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CouponTemplateDoc, FanDoc } from './_lib/docs'
import type { GroupCodeDoc, GroupMemberDoc } from './_lib/group-docs'
import { stampHomeGroupJoin } from './_lib/group-share'
import { AppError } from './_lib/errors'
import { couponView } from './_lib/views'

/** The active group-join template that applies at this store, if any. */
async function groupTemplate(storeId: string): Promise<CouponTemplateDoc | null> {
  const res = await db.collection('couponTemplates').where({ trigger: 'group_join', paused: false }).limit(20).get()
  return (res.data as CouponTemplateDoc[]).find((t) => t.storeIds === null || t.storeIds.includes(storeId)) ?? null
}

export const main = defineFunction('joinGroup', async ({ groupId }, caller) => {
  const now = Date.now()
  const [fan, group] = await Promise.all([getDoc<FanDoc>('fans', caller.openid), getDoc<GroupCodeDoc>('groups', groupId)])
  if (!fan) throw new AppError('NOT_FOUND', '请先在门店扫码签到')
  if (!group) throw new AppError('NOT_FOUND', '这个群不存在')
  const dayKey = chinaDayKey(now)
  await counterReady({ dayKey, storeId: group.storeId, staffId: fan.ownerStaffId })
  const memberId = `${group._id}.${fan._id}`

  // Member, the group's count, the day's groupJoins and the fan's group-share stamp commit together: a repeat tap finds the member and changes nothing.
  const created = await untilSettled((shard) =>
    db.runTransaction(async (tx) => {
      const existing = await tx
        .collection('groupMembers')
        .doc(memberId)
        .get()
        .then(
          (r) => r.data as GroupMemberDoc | null,
          () => null
        )
      if (existing) return false
      const member: GroupMemberDoc = {
        _id: memberId,
        groupId: group._id,
        storeId: group.storeId,
        fanId: fan._id,
        channel: fan.channel,
        ownerStaffId: fan.ownerStaffId,
        joinedAt: now,
        dayKey
      }
      await tx.collection('groupMembers').add({ data: member })
      await tx
        .collection('groups')
        .doc(group._id)
        .update({ data: { members: _.inc(1) } })
      await bumpCounter(tx, { dayKey, storeId: group.storeId, staffId: fan.ownerStaffId }, counterUpdate({ groupJoins: 1 }), shard)
      await stampHomeGroupJoin(tx, fan, group.storeId, now)
      return true
    })
  )

  // One group coupon per fan however many groups they join: the occasion names no group. Issuing is
  // idempotent, so a repeat (or a retry after a failed issue) answers the same coupon.
  let coupon: CouponView | null = null
  const template = await groupTemplate(group.storeId)
  if (template) {
    try {
      coupon = couponView((await issueFromTemplate(template, fan, 'group_join', 'joinGroup', now)).coupon, now)
    } catch (err) {
      // Out of stock or over the per-fan limit: the join stands without a coupon.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err
    }
  }
  return { created, channel: fan.channel, coupon }
})
