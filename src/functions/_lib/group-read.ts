import type { GroupEntry } from '../../contract'
import type { GroupRow } from '../../contract/groups'
import { daysLeft, fillRatio, isUsable, pickGroup } from '../../domain/group-rotation'
import { cloud, db, _ } from './cloud'
import type { GroupCodeDoc } from './group-docs'

/** Enough for any store's current codes; a store rotates a handful of groups, not hundreds. */
const GROUP_READ_LIMIT = 50

/** The store's codes that may still be shown (not marked full, not expired), freshest first. */
export async function liveGroups(storeId: string, now: number): Promise<GroupCodeDoc[]> {
  const res = await db
    .collection('groups')
    .where({ storeId, full: false, expiresAt: _.gt(now) })
    .orderBy('expiresAt', 'desc')
    .limit(GROUP_READ_LIMIT)
    .get()
  return res.data as GroupCodeDoc[]
}

/** Every code of the store the manager still cares about (expired ones for a week), freshest first. */
export async function storeGroups(storeId: string, now: number): Promise<GroupCodeDoc[]> {
  const since = now - 7 * 24 * 3600_000
  const res = await db
    .collection('groups')
    .where({ storeId, expiresAt: _.gt(since) })
    .orderBy('expiresAt', 'desc')
    .limit(GROUP_READ_LIMIT)
    .get()
  return res.data as GroupCodeDoc[]
}

/** Uploaded codes live in cloud storage; a temporary URL is made per read (it expires, the fileID does not). */
export async function withQrUrls<T extends GroupCodeDoc>(groups: T[]): Promise<T[]> {
  const ids = groups.map((g) => g.qrFileId).filter((id): id is string => !!id)
  if (ids.length === 0) return groups
  const { fileList } = await cloud.getTempFileURL({ fileList: ids })
  const url = new Map(fileList.map((f: { fileID: string; tempFileURL: string }) => [f.fileID, f.tempFileURL]))
  return groups.map((g) => (g.qrFileId && url.get(g.qrFileId) ? { ...g, qrUrl: url.get(g.qrFileId) as string } : g))
}

/** The one code a shopper is shown at this store now (check-in card and the group page alike). */
export async function entryGroup(storeId: string, now: number): Promise<GroupCodeDoc | null> {
  return entryOf(await liveGroups(storeId, now), now)
}

/** entryGroup's pick among codes already read (any of the store's, as the check-in's one read brings them). */
export async function entryOf(groups: readonly GroupCodeDoc[], now: number): Promise<GroupCodeDoc | null> {
  const live = groups.filter((g) => g.full === false && g.expiresAt > now).sort((a, b) => b.expiresAt - a.expiresAt)
  const picked = pickGroup(live, now)
  return picked ? (await withQrUrls([picked]))[0] : null
}

export const entryView = (g: GroupCodeDoc): GroupEntry => ({ groupId: g._id, name: g.name, qrUrl: g.qrUrl, expiresAt: g.expiresAt })

export const rowView = (g: GroupCodeDoc, now: number): GroupRow => ({
  ...entryView(g),
  capacity: g.capacity,
  members: g.members,
  full: g.full,
  usable: isUsable(g, now),
  daysLeft: daysLeft(g.expiresAt, now),
  fill: Math.round(fillRatio(g) * 100) / 100,
  linked: !!g.openGId
})
