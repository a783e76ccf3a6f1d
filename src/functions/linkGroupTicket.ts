import { db } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import type { GroupCodeDoc, GroupLinkDoc, GroupSightingDoc } from './_lib/group-docs'
import { resolveOpenGId } from './_lib/group-ticket'
import { assertManages } from './_lib/scope'

export const main = defineFunction('linkGroupTicket', async ({ ticket, groupId }, caller) => {
  const now = Date.now()
  // Linking changes what every member of that WeChat group counts towards: only a decrypted id will do.
  const openGId = await resolveOpenGId(ticket, { verified: groupId !== undefined })

  let link = await getDoc<GroupLinkDoc>('groupLinks', openGId)
  if (groupId) {
    const staff = caller.staff
    const group = await getDoc<GroupCodeDoc>('groups', groupId)
    if (!group) throw new AppError('NOT_FOUND', '这个群不存在')
    if (!staff) throw new AppError('FORBIDDEN')
    if (staff.role === 'manager') assertManages(staff, group.storeId)
    else if (staff.storeId !== group.storeId) throw new AppError('FORBIDDEN', '只能关联本门店的社群')
    link = { _id: openGId, groupId: group._id, storeId: group.storeId, linkedBy: staff._id, linkedAt: now }
    await db
      .collection('groupLinks')
      .doc(openGId)
      .set({ data: { groupId: link.groupId, storeId: link.storeId, linkedBy: link.linkedBy, linkedAt: now } })
    await db.collection('groups').doc(group._id).update({ data: { openGId } })
  }

  // Staff opening a card are not fans; only shoppers' sightings tell us who is in which real group.
  let seen = false
  if (!caller.staff) {
    const id = `${openGId}.${caller.openid}`
    const prior = await getDoc<GroupSightingDoc>('groupSightings', id)
    const sighting = { openGId, fanId: caller.openid, groupId: link?.groupId ?? null, firstSeenAt: prior?.firstSeenAt ?? now, lastSeenAt: now }
    await db.collection('groupSightings').doc(id).set({ data: sighting })
    seen = true
  }
  const group = link ? await getDoc<GroupCodeDoc>('groups', link.groupId) : null
  return { seen, linkedGroup: group ? { groupId: group._id, name: group.name, storeId: group.storeId } : null }
})
