import { db } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { FanDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { openData } from './_lib/open-data'
import { phoneKey } from './_lib/phone'
import type { FanPhoneDoc } from './_lib/sales-docs'

/**
 * The shopper taps 绑定手机号 (getPhoneNumber) and the page sends its cloudID; only the platform can decrypt
 * it, so a typed-in or forged number is never bound. A number belongs to whoever bound it last.
 */
export const main = defineFunction('bindPhone', async ({ cloudID }, caller) => {
  if (!(await getDoc<FanDoc>('fans', caller.openid))) throw new AppError('NOT_FOUND', '到店扫码成为会员后才能绑定手机号')
  const data = await openData(cloudID)
  const phone = typeof data?.purePhoneNumber === 'string' ? data.purePhoneNumber : typeof data?.phoneNumber === 'string' ? data.phoneNumber : null
  if (!phone || !/^\+?\d{6,15}$/.test(phone)) throw new AppError('INVALID_CODE', '手机号授权已过期，请重新点击绑定')
  const doc: FanPhoneDoc = { _id: phoneKey(phone), fanId: caller.openid }
  const { _id, ...rest } = doc
  await db.collection('fanPhones').doc(_id).set({ data: rest })
  return { masked: `${phone.slice(0, 3)}****${phone.slice(-4)}` }
})
