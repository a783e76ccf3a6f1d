import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { BindingEventDoc, FanDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { managedStaff } from './_lib/scope'

/** Fans moved per call: each is its own transaction, and a call must finish well inside the function timeout. */
const BATCH = 50

/**
 * A staff member leaves: their fans go to another staff member or back to the store, each move a binding
 * event (who, from, to, why). Called repeatedly until `remaining` is 0; safe to re-run.
 */
export const main = defineFunction('transferFans', async ({ fromStaffId, toStaffId, deactivate }, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  const from = await managedStaff(manager, fromStaffId)
  if (toStaffId !== null) {
    if (toStaffId === fromStaffId) throw new AppError('INVALID_INPUT', '不能转给同一位导购')
    const to = await managedStaff(manager, toStaffId)
    if (!to.active) throw new AppError('CONFLICT', '接收的导购已停用')
  }
  // Deactivate first, so that no new fan is bound to the leaver while the transfer runs.
  if (deactivate && from.active)
    await db
      .collection('staff')
      .doc(from._id)
      .update({ data: { active: false, codeVersion: _.inc(1) } })
  const now = Date.now()
  const batch = (await db.collection('fans').where({ ownerStaffId: from._id }).limit(BATCH).get()).data as FanDoc[]
  let moved = 0
  for (const candidate of batch) {
    const done = await db.runTransaction(async (tx) => {
      const fan = (await tx.collection('fans').doc(candidate._id).get()).data as FanDoc
      // A check-in may have rebound the fan since the batch was read: leave it to that decision.
      if (fan.ownerStaffId !== from._id) return false
      await tx
        .collection('fans')
        .doc(fan._id)
        .update({ data: { ownerStaffId: toStaffId, boundAt: toStaffId ? now : null } })
      const event: BindingEventDoc = { fanId: fan._id, storeId: fan.lastStoreId, from: from._id, to: toStaffId, reason: 'transfer', by: caller.openid, at: now }
      await tx.collection('bindingEvents').add({ data: event })
      return true
    })
    if (done) moved++
  }
  const remaining = (await db.collection('fans').where({ ownerStaffId: from._id }).count()).total
  return { moved, remaining }
})
