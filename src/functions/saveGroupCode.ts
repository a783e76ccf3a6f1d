import { chinaDayKey } from '../domain/china-time'
import { groupCodeExpiry } from '../domain/group-rotation'
import { db } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import type { GroupCodeDoc } from './_lib/group-docs'
import { storeGroupImage } from './_lib/group-image'
import { rowView, withQrUrls } from './_lib/group-read'
import { assertManages } from './_lib/scope'

const newGroupId = (storeId: string, now: number) => `gr-${storeId}-${now.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.slice(0, 40)

export const main = defineFunction('saveGroupCode', async (input, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  assertManages(manager, input.storeId)
  const now = Date.now()
  if (input.validUntil && input.validUntil < chinaDayKey(now)) throw new AppError('INVALID_INPUT', '有效期不能早于今天')
  const existing = input.groupId ? await getDoc<GroupCodeDoc>('groups', input.groupId) : null
  if (input.groupId && (!existing || existing.storeId !== input.storeId)) throw new AppError('NOT_FOUND', '这个群不存在')

  const groupId = existing?._id ?? newGroupId(input.storeId, now)
  if (!existing && !(input.name && input.validUntil && input.capacity && input.image)) {
    throw new AppError('INVALID_INPUT', '新群需要名称、有效期、人数上限和群二维码图片')
  }
  const fields: Partial<GroupCodeDoc> = {}
  if (input.name) fields.name = input.name
  if (input.capacity) fields.capacity = input.capacity
  if (input.full !== undefined) fields.full = input.full
  if (input.image) {
    fields.qrFileId = await storeGroupImage(input.image, input.storeId, groupId, now)
    fields.qrUrl = '' // resolved from qrFileId on every read
    // A new image is a new QR: WeChat's 7 days start again.
    fields.uploadedAt = now
  }
  if (input.validUntil) fields.validUntil = input.validUntil
  const validUntil = fields.validUntil ?? existing?.validUntil
  // Without a new image or date (e.g. only "mark full") the expiry stands, also on codes seeded without a date.
  if (validUntil && (input.image || input.validUntil)) fields.expiresAt = groupCodeExpiry(validUntil, fields.uploadedAt ?? existing?.uploadedAt ?? now)

  if (existing) await db.collection('groups').doc(groupId).update({ data: fields })
  else await db.collection('groups').add({ data: { _id: groupId, storeId: input.storeId, members: 0, full: false, openGId: null, ...fields } })
  const saved = await getDoc<GroupCodeDoc>('groups', groupId)
  if (!saved) throw new AppError('INTERNAL')
  return { group: rowView((await withQrUrls([saved]))[0], now) }
})
