import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { managedStaff } from './_lib/scope'

/** Every code a staff member handed out carries their code version; bumping it makes them all invalid. */
export const main = defineFunction('revokeStaffCode', async ({ staffId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const staff = await managedStaff(caller.staff, staffId)
  await db
    .collection('staff')
    .doc(staff._id)
    .update({ data: { codeVersion: _.inc(1) } })
  return { staffId: staff._id, codeVersion: staff.codeVersion + 1 }
})
