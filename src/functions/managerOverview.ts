import { chinaDayKey } from '../domain/china-time'
import { db, _ } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CounterDoc, StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

export const main = defineFunction('managerOverview', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const scope = managerStoreScope(caller.staff)
  if (storeId && scope && !scope.includes(storeId)) throw new AppError('FORBIDDEN', '只能查看自己管理的门店')
  const wanted = storeId ? [storeId] : scope
  const storeQuery = wanted ? { _id: _.in(wanted), active: true } : { active: true }
  const dayKey = chinaDayKey(Date.now())
  const [storesRes, settings] = await Promise.all([db.collection('stores').where(storeQuery).orderBy('name', 'asc').limit(100).get(), getSettings()])
  const stores = storesRes.data as StoreDoc[]
  const ids = stores.map((s) => s._id)
  // Today's figures come from the daily counter rows (store × staff), never from the visit log.
  const countersRes = await db
    .collection('counters')
    .where({ dayKey, storeId: _.in(ids) })
    .limit(1000)
    .get()
  const today = new Map<string, { newFans: number; visits: number }>()
  for (const c of countersRes.data as CounterDoc[]) {
    const t = today.get(c.storeId) ?? { newFans: 0, visits: 0 }
    today.set(c.storeId, { newFans: t.newFans + c.newFans, visits: t.visits + c.visits })
  }
  const fanCounts = await Promise.all(ids.map((id) => db.collection('fans').where({ firstStoreId: id }).count()))
  return {
    dayKey,
    stores: stores.map((s, i) => ({
      storeId: s._id,
      name: s.name,
      newFansToday: today.get(s._id)?.newFans ?? 0,
      visitsToday: today.get(s._id)?.visits ?? 0,
      fans: fanCounts[i].total
    })),
    policy: settings.policy
  }
})
