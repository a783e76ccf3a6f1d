import type { CodeFlagView } from '../../contract/team'
import { DAY_MS } from '../../domain/china-time'
import { db, _ } from './cloud'
import { CODE_FLAGS } from './code-flags'
import { slices } from './reads'
import type { BindingEventDoc, CodeFlagDoc, FanDoc } from './docs'

export const flagView = (f: CodeFlagDoc, staffName: string): CodeFlagView => ({
  flagId: f._id,
  staffId: f.staffId,
  staffName,
  dayKey: f.dayKey,
  reasons: f.reasons,
  held: f.held,
  firstAt: f.firstAt,
  lastAt: f.lastAt,
  status: f.status
})

/** A store's flags of the last 30 days, open ones first, newest first within each. */
export async function storeFlags(storeId: string, now: number): Promise<CodeFlagDoc[]> {
  const res = await db
    .collection(CODE_FLAGS)
    .where({ storeId, lastAt: _.gte(now - 30 * DAY_MS) })
    .orderBy('lastAt', 'desc')
    .limit(50)
    .get()
  const flags = res.data as CodeFlagDoc[]
  return [...flags.filter((f) => f.status === 'open'), ...flags.filter((f) => f.status !== 'open')]
}

/** Approve: each still-held fan moves to the staff member, one transaction and binding event per fan. */
export async function approveHeldFans(flag: CodeFlagDoc, by: string, now: number): Promise<number> {
  let moved = 0
  for (const fanId of flag.fanIds) {
    const done = await db.runTransaction(async (tx) => {
      const fan = await tx
        .collection('fans')
        .doc(fanId)
        .get()
        .then(
          (r) => r.data as FanDoc,
          () => null
        )
      // Only fans still held for this staff member and still with the store: a later scan may have bound them.
      if (!fan || fan.heldForStaffId !== flag.staffId || fan.ownerStaffId !== null) return false
      await tx
        .collection('fans')
        .doc(fanId)
        .update({
          data: { ownerStaffId: flag.staffId, capturingStaffId: fan.capturingStaffId ?? flag.staffId, boundAt: now, heldForStaffId: null }
        })
      const event: BindingEventDoc = { fanId, storeId: fan.lastStoreId, from: null, to: flag.staffId, reason: 'flag_approved', by, at: now }
      await tx.collection('bindingEvents').add({ data: event })
      return true
    })
    if (done) moved++
  }
  return moved
}

/** Reject: the fans stay with the store; they are no longer held, so a later approval cannot move them. */
export async function releaseHeldFans(flag: CodeFlagDoc): Promise<void> {
  for (const ids of slices(flag.fanIds)) {
    await db
      .collection('fans')
      .where({ _id: _.in(ids), heldForStaffId: flag.staffId })
      .update({ data: { heldForStaffId: null } })
  }
}

/**
 * Marks the flag reviewed unless more fans were held since it was read (lastAt moved): then it stays
 * open, so the manager decides on those too.
 */
export async function closeFlag(flag: CodeFlagDoc, status: 'approved' | 'rejected', by: string, now: number): Promise<CodeFlagDoc> {
  const res = await db
    .collection(CODE_FLAGS)
    .where({ _id: flag._id, lastAt: flag.lastAt })
    .update({ data: { status, reviewedBy: by, reviewedAt: now } })
  return res.stats.updated === 1 ? { ...flag, status, reviewedBy: by, reviewedAt: now } : flag
}
