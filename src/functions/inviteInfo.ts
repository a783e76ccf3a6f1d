import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { INVITES, inviteView, type InviteDoc } from './_lib/team-invites'

/** What the invite page shows before the opener confirms: store, role, who invited, whether it still works. */
export const main = defineFunction('inviteInfo', async ({ inviteId }, caller) => {
  const invite = await getDoc<InviteDoc>(INVITES, inviteId)
  if (!invite) throw new AppError('NOT_FOUND', '邀请不存在')
  return { ...inviteView(invite, Date.now()), mine: invite.acceptedBy === caller.openid }
})
