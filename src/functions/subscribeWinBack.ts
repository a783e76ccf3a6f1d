import { db, _ } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { FanDoc } from './_lib/docs'
import { AppError, isDuplicateWrite } from './_lib/errors'
import type { SubscriptionDoc } from './_lib/sales-docs'

/**
 * After wx.requestSubscribeMessage (from a tap) the page reports whether the shopper accepted. Each
 * acceptance allows one message and the platform keeps no readable balance, so we count them here.
 */
export const main = defineFunction('subscribeWinBack', async ({ accepted }, caller) => {
  const id = `${caller.openid}.winBack`
  if (accepted) {
    if (!(await getDoc<FanDoc>('fans', caller.openid))) throw new AppError('NOT_FOUND', '到店扫码成为粉丝后才能订阅提醒')
    const doc: SubscriptionDoc = { _id: id, fanId: caller.openid, topic: 'winBack', balance: 0, updatedAt: Date.now() }
    try {
      await db.collection('subscriptions').add({ data: doc })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
    }
    await db
      .collection('subscriptions')
      .doc(id)
      .update({ data: { balance: _.inc(1), updatedAt: Date.now() } })
  }
  return { balance: (await getDoc<SubscriptionDoc>('subscriptions', id))?.balance ?? 0 }
})
