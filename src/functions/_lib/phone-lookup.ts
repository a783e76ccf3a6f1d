import { db } from './cloud'
import { getDoc } from './data'
import type { FanDoc } from './docs'
import { AppError } from './errors'
import { phoneKey } from './phone'
import type { FanPhoneDoc } from './sales-docs'

/** The fan who bound this phone on 我的 (bindPhone keeps only its hash, which is the document id). */
export async function fanByPhone(phone: string): Promise<FanDoc> {
  const bound = await getDoc<FanPhoneDoc>('fanPhones', phoneKey(phone))
  const fan = bound ? await getDoc<FanDoc>('fans', bound.fanId) : null
  if (!fan) throw new AppError('NOT_FOUND', '这个手机号没有绑定会员，请顾客出示会员码')
  return fan
}

/** Whether this fan has a phone bound: one count on fanPhones by fanId. */
export async function hasBoundPhone(fanId: string): Promise<boolean> {
  return (await db.collection('fanPhones').where({ fanId }).count()).total > 0
}
