import { pickGroup } from '../domain/group-rotation'
import { db } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { FanDoc, StoreDoc } from './_lib/docs'
import type { GroupMemberDoc } from './_lib/group-docs'
import { entryView, liveGroups, withQrUrls } from './_lib/group-read'
import { warnIfExpiring } from './_lib/group-warn'
import { AppError } from './_lib/errors'
import { storeView } from './_lib/views'

export const main = defineFunction('groupEntry', async ({ storeId }, caller) => {
  const now = Date.now()
  const fan = await getDoc<FanDoc>('fans', caller.openid)
  const id = storeId ?? fan?.lastStoreId
  if (!id) throw new AppError('NOT_FOUND', '请先在门店扫码签到')
  const store = await getDoc<StoreDoc>('stores', id)
  if (!store || !store.active) throw new AppError('NOT_FOUND', '门店不存在')
  const [live, joinedRes] = await Promise.all([
    liveGroups(store._id, now),
    fan ? db.collection('groupMembers').where({ fanId: fan._id, storeId: store._id }).limit(1).get() : null
  ])
  const picked = pickGroup(live, now)
  await warnIfExpiring(store, live, now)
  const joined = (joinedRes?.data[0] as GroupMemberDoc | undefined) ?? null
  return {
    store: storeView(store),
    group: picked ? entryView((await withQrUrls([picked]))[0]) : null,
    joined: joined ? { groupId: joined.groupId, joinedAt: joined.joinedAt } : null
  }
})
