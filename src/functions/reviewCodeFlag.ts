import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { CODE_FLAGS } from './_lib/code-flags'
import { approveHeldFans, closeFlag, flagView, releaseHeldFans } from './_lib/code-flags-review'
import type { CodeFlagDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { managedStaff } from './_lib/scope'

/**
 * A manager's answer to a flagged staff code. Approving credits the staff member with the held fans from
 * now on (like a transfer: the day's counters stay as recorded, with the store); rejecting leaves them
 * with the store. Safe to repeat: fans already moved or released are skipped.
 */
export const main = defineFunction('reviewCodeFlag', async ({ flagId, decision }, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  // The id names the staff member (flag.<staffId>.<day>): scope is checked before saying whether it exists.
  const staff = await managedStaff(manager, flagId.split('.')[1])
  const flag = await getDoc<CodeFlagDoc>(CODE_FLAGS, flagId)
  if (!flag || flag.staffId !== staff._id) throw new AppError('NOT_FOUND', '没有这条异常记录')
  const now = Date.now()
  let moved = 0
  if (decision === 'approve') {
    if (!staff.active) throw new AppError('CONFLICT', '该导购已停用，粉丝无法计入，请选择不计入')
    moved = await approveHeldFans(flag, caller.openid, now)
  } else {
    await releaseHeldFans(flag)
  }
  const closed = await closeFlag(flag, decision === 'approve' ? 'approved' : 'rejected', caller.openid, now)
  return { flag: flagView(closed, staff.name), moved }
})
