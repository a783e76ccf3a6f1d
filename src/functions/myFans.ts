import { decodeFanCursor, encodeFanCursor } from '../domain/fan-cursor'
import { db, _ } from './_lib/cloud'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { liveFansOf } from './_lib/live-fans'
import type { FanDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

const newestFirst = (where: Record<string, unknown>, n: number) =>
  db
    .collection('fans')
    .where(where)
    .orderBy('boundAt', 'desc')
    .orderBy('memberCode', 'desc')
    .limit(n)
    .get()
    .then((r) => r.data as FanDoc[])

export const main = defineFunction('myFans', async ({ before, cursor, limit = 20 }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const settings = await getSettings()
  const now = Date.now()
  const staffId = caller.staff._id
  // only fans still bound under the policy now: a lapsed binding is the store's until the fan scans again
  const mine = (boundAt?: unknown) => liveFansOf(staffId, settings, now, boundAt)
  const at = cursor === undefined ? null : decodeFanCursor(cursor)
  if (cursor !== undefined && !at) throw new AppError('INVALID_INPUT', '参数不正确（cursor）')
  // Keyset paging on (boundAt, memberCode), newest first: stable while new fans arrive, never a skip()
  // over thousands, and unique, so fans bound in one instant (a transfer's batch) are all reached: the
  // rest of the cursor's instant first, then the older ones.
  const pages = at
    ? [newestFirst({ ...mine(_.eq(at.boundAt)), memberCode: _.lt(at.memberCode) }, limit + 1), newestFirst(mine(_.lt(at.boundAt)), limit + 1)]
    : [newestFirst(mine(before === undefined ? undefined : _.lt(before)), limit + 1)]
  const [rows, count] = await Promise.all([Promise.all(pages).then((p) => p.flat().slice(0, limit + 1)), db.collection('fans').where(mine()).count()])
  const shown = rows.slice(0, limit)
  const last = shown[shown.length - 1]
  const more = rows.length > limit
  return {
    total: count.total,
    fans: shown.map((f) => ({ memberCode: f.memberCode, since: f.boundAt ?? f.createdAt, lastVisitAt: f.lastVisitAt, visits: f.visits, channel: f.channel })),
    nextBefore: more ? (last.boundAt ?? null) : null,
    nextCursor: more && last.boundAt !== null ? encodeFanCursor({ boundAt: last.boundAt, memberCode: last.memberCode }) : null
  }
})
