import { chinaDayKey } from '../domain/china-time'
import { db, _ } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { CounterDoc } from './_lib/docs'
import { readAll, slices } from './_lib/reads'
import { storesWhere } from './_lib/stores-read'
import { AppError } from './_lib/errors'

/** Fans per store (by first check-in): a range of the firstStoreId index per 100 stores, grouped by store. */
async function fansPerStore(storeIds: readonly string[]): Promise<Map<string, number>> {
  const $ = db.command.aggregate
  const parts = await Promise.all(
    slices(storeIds).map((ids) =>
      db
        .collection('fans')
        .aggregate()
        .match({ firstStoreId: _.in(ids) })
        .group({ _id: '$firstStoreId', n: $.sum(1) })
        .limit(ids.length)
        .end()
    )
  )
  return new Map(parts.flatMap((r) => (r.list as Array<{ _id: string; n: number }>).map((g): [string, number] => [g._id, g.n])))
}

export const main = defineFunction('managerOverview', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const scope = managerStoreScope(caller.staff)
  if (storeId && scope && !scope.includes(storeId)) throw new AppError('FORBIDDEN', '只能查看自己管理的门店')
  const wanted = storeId ? [storeId] : scope
  const storeQuery = wanted ? { _id: _.in(wanted), active: true } : { active: true }
  const dayKey = chinaDayKey(Date.now())
  const [stores, settings] = await Promise.all([storesWhere(storeQuery), getSettings()])
  const ids = stores.map((s) => s._id)
  // Today's figures come from the daily counter rows (store × staff), never from the visit log; every
  // row of the day is read (a brand wide view has more than one get() answers), in slices of store ids.
  // Each store's fans: one aggregate per 100 stores grouped by store, not a count() per store.
  const [counters, fans] = await Promise.all([
    wanted
      ? Promise.all(slices(ids).map((part) => readAll<CounterDoc>('counters', { dayKey, storeId: _.in(part) }))).then((p) => p.flat())
      : readAll<CounterDoc>('counters', { dayKey }),
    fansPerStore(ids)
  ])
  const today = new Map<string, { newFans: number; visits: number }>()
  for (const c of counters) {
    const t = today.get(c.storeId) ?? { newFans: 0, visits: 0 }
    today.set(c.storeId, { newFans: t.newFans + c.newFans, visits: t.visits + c.visits })
  }
  return {
    dayKey,
    stores: stores.map((s) => ({
      storeId: s._id,
      name: s.name,
      newFansToday: today.get(s._id)?.newFans ?? 0,
      visitsToday: today.get(s._id)?.visits ?? 0,
      fans: fans.get(s._id) ?? 0
    })),
    policy: settings.policy
  }
})
