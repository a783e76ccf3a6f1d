import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { acceptOnce, INVITES, refuseUnusable, type InviteDoc } from './_lib/team-invites'

export const main = defineFunction('acceptInvite', async ({ inviteId, name }, caller) => {
  const now = Date.now()
  const found = await getDoc<InviteDoc>(INVITES, inviteId)
  if (!found) throw new AppError('NOT_FOUND', '邀请不存在')
  const again = found.status === 'accepted' && found.acceptedBy === caller.openid
  // Someone already on the team keeps their one record: a second invite would make them two people.
  if (caller.staff && !again) throw new AppError('CONFLICT', '你已是团队成员，如需调整门店或身份请联系店长')
  if (!again) refuseUnusable(found, now)
  const { invite, staff } = await acceptOnce(inviteId, caller.openid, name, now)
  return { staffId: staff._id, name: staff.name, role: staff.role, storeId: staff.storeId, storeName: invite.storeName }
})
