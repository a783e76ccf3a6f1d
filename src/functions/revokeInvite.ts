import { db } from './_lib/cloud'
import { untilSettled } from './_lib/coupons'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { assertMayInvite, INVITES, refuseUnusable, type InviteDoc } from './_lib/team-invites'

/** A pending invite stops working at once; one already used or revoked is refused (nothing to undo). */
export const main = defineFunction('revokeInvite', async ({ inviteId }, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  const now = Date.now()
  await untilSettled(() =>
    db.runTransaction(async (tx) => {
      const invite = await tx
        .collection(INVITES)
        .doc(inviteId)
        .get()
        .then(
          (r) => r.data as InviteDoc,
          () => null
        )
      if (!invite) throw new AppError('NOT_FOUND', '邀请不存在')
      // Whoever could have made this invite may take it back.
      assertMayInvite(manager, invite.kind, invite.storeId)
      refuseUnusable(invite, now)
      await tx
        .collection(INVITES)
        .doc(inviteId)
        .update({ data: { status: 'revoked', revokedAt: now, revokedBy: manager._id } })
    })
  )
  return { inviteId, status: 'revoked' as const }
})
