import { randomBytes } from 'node:crypto'
import { tombstoneFan, tombstoneId } from '../../domain/privacy'
import { db } from './cloud'
import { untilSettled } from './coupons'
import { getDoc } from './data'
import type { FanDoc } from './docs'

export type ErasingFan = FanDoc & { erasingAs?: string }
const missing = () => null
export const freshTombstone = () => tombstoneId(randomBytes(12).toString('hex'))

/**
 * The tombstone id of this erasure, written on the fan record first and read back by any re-run, so
 * that a deletion that stopped halfway (time budget, crash) finishes under the same id: the records it
 * already moved and the ones it moves now stay one anonymous history (the repurchase count needs that).
 * The fan record itself goes last, with the tombstone taking its place in one transaction.
 */
export async function claimTombstone(openid: string): Promise<string> {
  const fresh = freshTombstone()
  return untilSettled(() =>
    db.runTransaction(async (tx) => {
      const fan = await tx
        .collection('fans')
        .doc(openid)
        .get()
        .then((r) => r.data as ErasingFan, missing)
      if (!fan) return fresh
      if (fan.erasingAs) return fan.erasingAs
      await tx
        .collection('fans')
        .doc(openid)
        .update({ data: { erasingAs: fresh } })
      return fresh
    })
  )
}

/** Last step: the tombstone takes the fan record's place (one transaction), keeping only what counters recount. */
export async function retireFan(openid: string, tombstone: string): Promise<number> {
  if (!(await getDoc<ErasingFan>('fans', openid))) return 0
  return untilSettled(() =>
    db.runTransaction(async (tx) => {
      const fan = await tx
        .collection('fans')
        .doc(openid)
        .get()
        .then((r) => r.data as ErasingFan, missing)
      if (!fan) return 0
      await tx.collection('fans').add({ data: tombstoneFan({ ...fan, _id: openid }, tombstone) })
      await tx.collection('fans').doc(openid).remove()
      return 1
    })
  )
}
