import { avatarUrls, profileView } from './_lib/book-facts'
import { storeAvatar } from './_lib/book-avatar'
import type { BookFan } from './_lib/book-docs'
import { db, _ } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { openData } from './_lib/open-data'
import { phoneKey } from './_lib/phone'

/**
 * The shopper decides, field by field, what their serving staff member may see. A field given sets it, null
 * withdraws it (the value is removed from the record at once, not hidden), absent leaves it; {} only reads.
 * The phone tail needs a fresh phone authorisation: we keep the last four digits and, as bindPhone does,
 * the number's hash; never the number.
 */
export const main = defineFunction('fanProfile', async (input, caller) => {
  const fan = await getDoc<BookFan>('fans', caller.openid)
  if (!fan) {
    if (Object.keys(input).length === 0) return { nickname: null, avatarUrl: null, phoneTail: null, birthMonth: null }
    throw new AppError('NOT_FOUND', '到店扫码成为会员后才能设置')
  }
  const set: Record<string, unknown> = {}
  if (input.nickname !== undefined) {
    set['nickname'] = input.nickname ?? _.remove()
    set['nameKey'] = input.nickname ? input.nickname.toLowerCase() : _.remove()
  }
  if (input.birthMonth !== undefined) set['birthMonth'] = input.birthMonth ?? _.remove()
  if (input.avatar !== undefined) set['avatarFileId'] = input.avatar ? await storeAvatar(input.avatar) : _.remove()
  if (input.phoneTail !== undefined) {
    if (input.phoneTail === null) set['phoneTail'] = _.remove()
    else {
      const data = await openData(input.phoneTail.cloudID)
      const phone = typeof data?.purePhoneNumber === 'string' ? data.purePhoneNumber : typeof data?.phoneNumber === 'string' ? data.phoneNumber : null
      if (!phone || !/^\+?\d{6,15}$/.test(phone)) throw new AppError('INVALID_CODE', '手机号授权已过期，请重新点击')
      await db
        .collection('fanPhones')
        .doc(phoneKey(phone))
        .set({ data: { fanId: caller.openid } })
      set['phoneTail'] = phone.slice(-4)
    }
  }
  if (Object.keys(set).length > 0) {
    // a nested object updates by path: the other consented fields stay as they are
    await db
      .collection('fans')
      .doc(caller.openid)
      .update({ data: { profile: set } })
  }
  const now = (await getDoc<BookFan>('fans', caller.openid)) ?? fan
  return profileView(now, await avatarUrls([now]))
})
