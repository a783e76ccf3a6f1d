import { db, _ } from './cloud'
import type { FanDoc } from './docs'

/** What a plain repeat scan changes on the fan's record. */
export type RepeatChanges = Pick<FanDoc, 'scanWindow' | 'lastVisitAt' | 'lastStoreId' | 'boundAt'>

/**
 * A repeat scan that changes nothing but the fan's own record (the same store again on the same China day,
 * no binding change: a reload, a second scan at the counter) writes no visit, binding event, coupon or
 * counter, so there is nothing to keep together and no transaction to pay for (#20): one conditional update,
 * on the record as the scan's read saw it. A check-in in between moved lastVisitAt and the scan window, a
 * transfer moved the owner and boundAt: then it matches nothing, answers false, and the caller runs the
 * transaction.
 */
export async function writeRepeat(seen: FanDoc, changes: RepeatChanges): Promise<boolean> {
  const window = seen.scanWindow
  const res = await db
    .collection('fans')
    .where({
      _id: seen._id,
      lastVisitAt: seen.lastVisitAt,
      // the binding as the decision saw it (an owner moved away and back has a new boundAt); null also
      // matches a record without the field, where undefined would be dropped from the condition
      ownerStaffId: seen.ownerStaffId ?? null,
      capturingStaffId: seen.capturingStaffId ?? null,
      boundAt: seen.boundAt ?? null,
      ...(window ? { 'scanWindow.start': window.start, 'scanWindow.count': window.count } : { scanWindow: _.exists(false) })
    })
    .update({ data: { ...changes, scanWindow: _.set(changes.scanWindow) } })
  return res.stats.updated === 1
}
