import { db } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { StaffDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { assertManages } from './_lib/scope'

export const main = defineFunction('teamList', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const store = storeId ?? caller.staff.storeId
  assertManages(caller.staff, store)
  const staff = (await db.collection('staff').where({ storeId: store }).limit(100).get()).data as StaffDoc[]
  const fans = await Promise.all(staff.map((s) => db.collection('fans').where({ ownerStaffId: s._id }).count()))
  return {
    members: staff.map((s, i) => ({ staffId: s._id, name: s.name, storeId: s.storeId, role: s.role, active: s.active, fans: fans[i].total }))
  }
})
