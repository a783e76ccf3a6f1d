import { managerStoreScope } from './_lib/caller'
import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { assertManages } from './_lib/scope'
import { INVITES, inviteView, type InviteDoc } from './_lib/team-invites'

/** Pending invites (and those that lapsed unused) in the manager's stores, newest first. */
export const main = defineFunction('inviteList', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  if (storeId) assertManages(caller.staff, storeId)
  const scope = managerStoreScope(caller.staff)
  const where = storeId ? { status: 'pending', storeId } : scope ? { status: 'pending', storeId: _.in(scope) } : { status: 'pending' }
  const res = await db.collection(INVITES).where(where).orderBy('createdAt', 'desc').limit(100).get()
  const now = Date.now()
  return { invites: (res.data as InviteDoc[]).map((d) => inviteView(d, now)) }
})
