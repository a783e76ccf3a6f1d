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
const sum = (parts: Array<{ total: number }>) => parts.reduce((n, p) => n + p.total, 0)

/** Fans and stamped members of up to 100 stores in one request: a range of the firstStoreId index, grouped. */
async function fansAndMembers(storeIds: readonly string[]): Promise<{ fans: number; members: number }> {
  const $ = db.command.aggregate
  const res = await db
    .collection('fans')
    .aggregate()
    .match({ firstStoreId: storeIds.length === 1 ? storeIds[0] : _.in([...storeIds]) })
    .group({ _id: null, fans: $.sum(1), members: $.sum($.cond({ if: $.gt([$.ifNull(['$homeGroupJoinedAt', 0]), 0]), then: 1, else: 0 })) })
    .limit(1)
    .end()
  const row = (res.list as Array<{ fans: number; members: number }>)[0]
  return { fans: row?.fans ?? 0, members: row?.members ?? 0 }
}

/**
 * The group share over some stores, their fans summed; no fan or join is sent back, only counts.
 * A list of stores: per 100 stores one aggregate over a range of the firstStoreId index, as long as the
 * stores' fans, that counts fans and members together (one request where two count() queries were).
 * The whole brand (`allStores`: storeIds is every store): members per 100 stores from the
 * (firstStoreId, homeGroupJoinedAt) index, as long as the stores' members, and the fans as a count() of
 * the collection without a condition, which does not grow with the fans, so the brand view does not pay per fan.
 */
export async function groupShareOf(storeIds: readonly string[], allStores = false): Promise<GroupShare> {
  if (!allStores) {
    const parts = await Promise.all(slices(storeIds).map(fansAndMembers))
    return groupShare(
      parts.reduce((n, p) => n + p.members, 0),
      parts.reduce((n, p) => n + p.fans, 0)
    )
  }
  const [m, f] = await Promise.all([
    Promise.all(slices(storeIds).map((ids) => members(ids.length === 1 ? ids[0] : _.in(ids)))).then(sum),
    db
      .collection('fans')
      .count()
      .then((r) => r.total)
  ])
  return groupShare(m, f)
}
