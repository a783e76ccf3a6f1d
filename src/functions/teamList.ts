import { db } from './_lib/cloud'
import { flagView, storeFlags } from './_lib/code-flags-review'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { liveFansOf } from './_lib/live-fans'
import type { StaffDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { assertManages } from './_lib/scope'

export const main = defineFunction('teamList', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const store = storeId ?? caller.staff.storeId
  assertManages(caller.staff, store)
  const now = Date.now()
  const [staff, flags, settings] = await Promise.all([
    db
      .collection('staff')
      .where({ storeId: store })
      .limit(100)
      .get()
      .then((r) => r.data as StaffDoc[]),
    storeFlags(store, now),
    getSettings()
  ])
  const fans = await Promise.all(
    staff.map((s) =>
      db
        .collection('fans')
        .where(liveFansOf(s._id, settings, now))
        .count()
    )
  )
  const names = new Map(staff.map((s) => [s._id, s.name]))
  return {
    members: staff.map((s, i) => ({ staffId: s._id, name: s.name, storeId: s.storeId, role: s.role, active: s.active, fans: fans[i].total })),
    flags: flags.map((f) => flagView(f, names.get(f.staffId) ?? f.staffId))
  }
})
