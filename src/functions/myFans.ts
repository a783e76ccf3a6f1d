import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { FanDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

export const main = defineFunction('myFans', async ({ before, limit = 20 }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const mine = { ownerStaffId: caller.staff._id }
  // Keyset paging on boundAt (newest first): stable while new fans arrive, and never a skip() over thousands.
  const page = before === undefined ? mine : { ...mine, boundAt: _.lt(before) }
  const [res, count] = await Promise.all([
    db
      .collection('fans')
      .where(page)
      .orderBy('boundAt', 'desc')
      .limit(limit + 1)
      .get(),
    db.collection('fans').where(mine).count()
  ])
  const rows = res.data as FanDoc[]
  const shown = rows.slice(0, limit)
  return {
    total: count.total,
    fans: shown.map((f) => ({ memberCode: f.memberCode, since: f.boundAt ?? f.createdAt, lastVisitAt: f.lastVisitAt, visits: f.visits, channel: f.channel })),
    nextBefore: rows.length > limit ? (shown[shown.length - 1].boundAt ?? null) : null
  }
})
