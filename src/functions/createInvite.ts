import { db } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { qrImageUrl } from './_lib/qr'
import { managedStore } from './_lib/scope'
import { assertMayInvite, INVITE_PAGE, INVITE_TTL_MS, INVITES, inviteScene, inviteView, randomToken, type InviteDoc } from './_lib/team-invites'

export const main = defineFunction('createInvite', async ({ kind, storeId, name }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  assertMayInvite(caller.staff, kind, storeId)
  const store = await managedStore(caller.staff, storeId)
  const now = Date.now()
  const invite: InviteDoc = {
    _id: randomToken(20),
    kind,
    storeId: store._id,
    storeName: store.name,
    name: name?.trim() ?? '',
    createdBy: caller.staff._id,
    createdByName: caller.staff.name,
    createdAt: now,
    expiresAt: now + INVITE_TTL_MS,
    status: 'pending'
  }
  const scene = inviteScene(invite._id)
  // The image first: if the platform refuses it, no invite is left behind that nobody could open.
  const qr = await qrImageUrl(scene, `codes/invites/${invite._id}.png`, undefined, INVITE_PAGE)
  await db.collection(INVITES).add({ data: invite })
  return {
    ...inviteView(invite, now),
    scene,
    path: `${INVITE_PAGE}?inviteId=${invite._id}`,
    qrUrl: qr.url
  }
})
