import { erasedCoupon, redemptionIdsOf, renamed } from '../../domain/privacy'
import { db, _ } from './cloud'
import { untilSettled } from './coupons'
import { getDoc } from './data'
import type { CouponDoc, RedemptionDoc, SaleDoc } from './docs'
import type { GroupMemberDoc } from './group-docs'

/** The coupon changed between preparing and the transaction: untilSettled (it matches "conflict") prepares again. */
const changed = () => new Error('conflict: the coupon changed while its move was prepared')
const missing = () => null
/** The codes-abuse journey's held-fan flags list fan ids (codeFlags.fanIds). */
const CODE_FLAGS = 'codeFlags'
const withoutId = <T extends { _id?: string }>(d: T) => {
  const { _id, ...rest } = d
  return rest
}

/**
 * Moves one coupon to the tombstone, with its redemptions and the sales those wrote: their ids contain
 * the coupon id, which is derived from the openid, so each is added under the re-derived id and the old
 * one removed, in one transaction (counts never see both or neither). The coupon is re-read inside:
 * a redemption or undo racing this one conflicts, and the whole move is prepared again.
 */
export async function rekeyCoupon(couponId: string, tombstone: string, now: number): Promise<boolean> {
  return untilSettled(async () => {
    const c = await getDoc<CouponDoc>('coupons', couponId)
    if (!c || c.fanId === tombstone) return false
    const moved = erasedCoupon(c, tombstone, now)
    const reds = (await Promise.all(redemptionIdsOf(c).map((id) => getDoc<RedemptionDoc>('redemptions', id)))).filter((r): r is RedemptionDoc => !!r)
    // a sale exists exactly while its redemption stands (an undo removes it)
    const sales = (await Promise.all(reds.map((r) => (r.saleId ? getDoc<SaleDoc>('sales', r.saleId) : null)))).filter(
      (s): s is SaleDoc & { _id: string } => !!s
    )
    const to = (id: string) => renamed(id, c._id, moved._id)
    return db.runTransaction(async (tx) => {
      const current = await tx
        .collection('coupons')
        .doc(c._id)
        .get()
        .then((r) => r.data as CouponDoc, missing)
      if (!current) return false
      if (current.redemptions !== c.redemptions || current.redemptionId !== c.redemptionId || current.redeemedAt !== c.redeemedAt) throw changed()
      await tx.collection('coupons').add({ data: moved })
      await tx.collection('coupons').doc(c._id).remove()
      for (const r of reds) {
        await tx
          .collection('redemptions')
          .add({ data: { ...r, _id: to(r._id), couponId: moved._id, fanId: tombstone, saleId: r.saleId ? to(r.saleId) : null } })
        await tx.collection('redemptions').doc(r._id).remove()
      }
      for (const s of sales) {
        const data = { ...s, fanId: tombstone, couponId: moved._id, idempotencyKey: s.idempotencyKey === c._id ? moved._id : s.idempotencyKey }
        if (to(s._id) === s._id) {
          await tx
            .collection('sales')
            .doc(s._id)
            .update({ data: withoutId(data) })
        } else {
          await tx.collection('sales').add({ data: { ...data, _id: to(s._id) } })
          await tx.collection('sales').doc(s._id).remove()
        }
      }
      return true
    })
  })
}

/** A group membership's id is `<group>.<openid>`: re-added as `<group>.<tombstone>` (the group's member count stays). */
export async function rekeyGroupMember(m: GroupMemberDoc, tombstone: string): Promise<boolean> {
  const _id = `${m.groupId}.${tombstone}`
  return untilSettled(() =>
    db.runTransaction(async (tx) => {
      const current = await tx
        .collection('groupMembers')
        .doc(m._id)
        .get()
        .then((r) => r.data as GroupMemberDoc, missing)
      if (!current) return false
      await tx.collection('groupMembers').add({ data: { ...current, _id, fanId: tombstone } })
      await tx.collection('groupMembers').doc(m._id).remove()
      return true
    })
  )
}

/** A held fan who leaves is no longer anyone's to approve: out of the flag's list (its `held` count stays). */
export async function unflag(openid: string, batch: number): Promise<number> {
  const flags = (await db.collection(CODE_FLAGS).where({ fanIds: openid }).limit(batch).get()).data
  for (const f of flags) {
    await untilSettled(() =>
      db.runTransaction(async (tx) => {
        const current = await tx
          .collection(CODE_FLAGS)
          .doc(String(f._id))
          .get()
          .then((r) => r.data as { fanIds?: string[] }, missing)
        if (current?.fanIds)
          await tx
            .collection(CODE_FLAGS)
            .doc(String(f._id))
            .update({ data: { fanIds: _.set(current.fanIds.filter((id) => id !== openid)) } })
      })
    )
  }
  return flags.length
}
