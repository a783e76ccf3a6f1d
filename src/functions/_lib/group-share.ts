import { groupShare, type GroupShare } from '../../domain/group-share'
import { db, _ } from './cloud'
import type { FanDoc } from './docs'
import { slices } from './reads'

type Tx = Parameters<Parameters<typeof db.runTransaction>[0]>[0]

/**
 * The fan's first join of a group of their own store (firstStoreId) is stamped on the fan, so "distinct
 * fans of the store who joined any of its groups" is one indexed count() on fans
 * (firstStoreId, homeGroupJoinedAt) instead of reading every join. Absent on other fans.
 */
export interface FanGroupStamp {
  homeGroupJoinedAt?: number
}

/** Inside the join's transaction, so the member and the stamp commit together. */
export async function stampHomeGroupJoin(tx: Tx, fan: FanDoc & FanGroupStamp, groupStoreId: string, now: number): Promise<void> {
  if (fan.firstStoreId !== groupStoreId || fan.homeGroupJoinedAt) return
  await tx
    .collection('fans')
    .doc(fan._id)
    .update({ data: { homeGroupJoinedAt: now } })
}

const members = (firstStoreId: unknown) =>
  db
    .collection('fans')
    .where({ firstStoreId, homeGroupJoinedAt: _.gt(0) })
    .count()
const fans = (firstStoreId: unknown) => db.collection('fans').where({ firstStoreId }).count()
const sum = (parts: Array<{ total: number }>) => parts.reduce((n, p) => n + p.total, 0)
const inSlices = (storeIds: readonly string[], count: (firstStoreId: unknown) => Promise<{ total: number }>) =>
  Promise.all(slices(storeIds).map((ids) => count(ids.length === 1 ? ids[0] : _.in(ids)))).then(sum)

/**
 * The group share over some stores, their fans summed: count() queries only, no fan or join is read.
 * Members: per 100 stores, a range of the (firstStoreId, homeGroupJoinedAt) index, as long as the stores'
 * members. Fans: per 100 stores, a range of the firstStoreId index, as long as the stores' fans; for the
 * whole brand (`allStores`: storeIds is every store) a count() of the collection without a condition
 * instead, which does not grow with the fans walked, so the brand view does not pay per fan.
 */
export async function groupShareOf(storeIds: readonly string[], allStores = false): Promise<GroupShare> {
  if (storeIds.length === 0 && !allStores) return groupShare(0, 0)
  const [m, f] = await Promise.all([
    inSlices(storeIds, members),
    allStores
      ? db
          .collection('fans')
          .count()
          .then((r) => r.total)
      : inSlices(storeIds, fans)
  ])
  return groupShare(m, f)
}
