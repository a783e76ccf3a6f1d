import { randomBytes } from 'node:crypto'
import { chinaDayKey } from '../domain/china-time'
import { visibleFan } from './_lib/book-access'
import type { FollowUpDoc } from './_lib/book-docs'
import { loadFacts } from './_lib/book-facts'
import { remindFan } from './_lib/book-remind'
import { db, _ } from './_lib/cloud'
import { issueFromTemplate } from './_lib/coupons-issue'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CouponDoc, CouponTemplateDoc, StaffDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { couponView } from './_lib/views'

/**
 * Acting on a fan due a follow-up: a coupon from a manual or win-back template (the template's own rules,
 * stock and per-fan limit apply, through the same issuing path as every coupon), a subscribe-message
 * reminder while the fan has a consent left, or simply done. Whichever it is, every reason due now is
 * closed with the note (or, with none due, one `manual` follow-up is recorded), and the manager's figures
 * count it for the staff member who acted.
 */
export const main = defineFunction('followUpAction', async ({ memberCode, action, templateId, note = '', requestId }, caller) => {
  const fan = await visibleFan(caller, memberCode)
  const me = caller.staff!
  const now = Date.now()
  const due = (await loadFacts([fan], now)).get(fan._id)?.due ?? []
  let coupon: CouponDoc | null = null
  let reminded = false
  if (action === 'coupon') {
    if (!templateId) throw new AppError('INVALID_INPUT', '请选择要发放的券')
    const template = await getDoc<CouponTemplateDoc>('couponTemplates', templateId)
    if (!template) throw new AppError('NOT_FOUND', '券模板不存在')
    if (template.trigger !== 'manual' && template.trigger !== 'win_back') throw new AppError('FORBIDDEN', '跟进只能发放手动发放或召回类的券')
    // the same templates fanDetail offers: valid at the store the fan last visited
    if (template.storeIds !== null && !template.storeIds.includes(fan.lastStoreId)) throw new AppError('FORBIDDEN', '这张券不适用于顾客常去的门店')
    coupon = (await issueFromTemplate(template, fan, `followup:${requestId}`, me._id, now)).coupon
  }
  if (action === 'remind') {
    reminded = await remindFan(fan._id, note || '好久不见，期待您再来店里坐坐')
    if (!reminded) throw new AppError('CONFLICT', '该顾客没有剩余的提醒授权，无法发送提醒')
  }
  // A repeat of the same request (a retry, a double tap) closes nothing more.
  const repeat = (await db.collection('followUps').where({ fanId: fan._id, requestId }).count()).total > 0
  const already = due.length
    ? ((
        await db
          .collection('followUps')
          .where({ fanId: fan._id, key: _.in(due.map((d) => d.key)) })
          .field({ key: true })
          .get()
      ).data as Array<Pick<FollowUpDoc, 'key'>>)
    : []
  // Nothing due: the staff member followed up on their own initiative, which counts too.
  const open: Array<{ key: string; reason: FollowUpDoc['reason'] }> = repeat
    ? []
    : due.length
      ? due.filter((d) => !already.some((a) => a.key === d.key))
      : [{ key: `manual:${requestId}`, reason: 'manual' }]
  const owner = fan.ownerStaffId ? await getDoc<StaffDoc>('staff', fan.ownerStaffId) : null
  for (const d of open) {
    const doc: FollowUpDoc = {
      _id: `fu_${randomBytes(9).toString('hex')}`,
      fanId: fan._id,
      key: d.key,
      reason: d.reason,
      action,
      note,
      staffId: me._id,
      storeId: owner?.storeId ?? fan.lastStoreId,
      at: now,
      dayKey: chinaDayKey(now),
      couponId: coupon?._id ?? null,
      requestId
    }
    await db.collection('followUps').add({ data: doc })
  }
  return { closed: open.map((d) => d.reason), coupon: coupon ? couponView(coupon, now) : null, reminded }
})
