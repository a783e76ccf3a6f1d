import { chinaDayKey } from '../../domain/china-time'
import { redeemRefusal, redeemRefusalMessage, type RedeemRefusal } from '../../domain/coupon-rules'
import type { ErrorCode } from '../../contract'
import { db } from './cloud'
import { bumpCounter, counterReady, counterUpdate } from './counters'
import { forgetPurchase, nextSaleAfter, notePurchase } from './sales-summary'
import { getDoc } from './data'
import { untilSettled } from './coupons'
import type { CouponDoc, FanDoc, RedemptionDoc, SaleDoc, StaffDoc } from './docs'
import type { PurchaseSummaryDoc } from './sales-docs'
import { AppError } from './errors'

export const UNDO_WINDOW_MS = 5 * 60_000

const REFUSAL_CODE: Record<RedeemRefusal, ErrorCode> = {
  used: 'CONFLICT',
  expired: 'CONFLICT',
  not_started: 'CONFLICT',
  paused: 'CONFLICT',
  store_not_accepted: 'FORBIDDEN',
  threshold: 'INVALID_INPUT'
}

export function refusalError(r: RedeemRefusal, c: CouponDoc, amountFen?: number | null): AppError {
  return new AppError(REFUSAL_CODE[r], redeemRefusalMessage(r, c, amountFen))
}

const missing = () => null

/**
 * Redeems exactly once. The coupon is read inside the transaction, so of concurrent redeemers one commits
 * and every other one conflicts, runs again, reads the coupon as used and gets that refusal. The
 * redemption record, the sale and the counters commit with it or not at all.
 */
export async function redeemOnce(
  found: CouponDoc,
  staff: StaffDoc,
  opts: {
    amountFen: number | null
    templatePaused: boolean
    now: number
    history?: PurchaseSummaryDoc
    /** the fan's staff member as read before (till-read.ts): the owner when the code was scanned */
    owner?: { fanId: string; ownerStaffId: string | null } | null
  }
) {
  const { amountFen, templatePaused, now, history, owner } = opts
  // Refuse what is already refusable before writing anything (not even a counter row); the transaction checks again.
  const early = redeemRefusal(found, { now, storeId: staff.storeId, templatePaused, amountFen })
  if (early) throw refusalError(early, found, amountFen)
  const dayKey = chinaDayKey(now)
  await counterReady({ dayKey, storeId: staff.storeId, staffId: staff._id })
  // A redemption with an amount is a purchase: it counts as the fan's first or as a repurchase.
  return untilSettled((shard) =>
    db.runTransaction(async (tx) => {
      const coupon = (await tx.collection('coupons').doc(found._id).get()).data as CouponDoc
      const refusal = redeemRefusal(coupon, { now, storeId: staff.storeId, templatePaused, amountFen })
      if (refusal) throw refusalError(refusal, coupon, amountFen)
      // The redemption and its sale are credited to the fan's staff member when the till read them, not
      // re-read here (one request fewer, #20): nothing is kept equal to it, and a transfer racing the till
      // credits the owner of a moment before. Read here when the coupon changed hands meanwhile (an erase).
      const fan =
        owner && owner.fanId === coupon.fanId
          ? owner
          : await tx
              .collection('fans')
              .doc(coupon.fanId)
              .get()
              .then((r) => r.data as FanDoc, missing)
      const n = (coupon.redemptions ?? 0) + 1
      // Deterministic ids: a second write of the same redemption clashes on the primary key.
      const redemptionId = `rd_${coupon._id}_${n}`
      const saleId = amountFen !== null ? `sale_${coupon._id}_${n}` : null
      const ownerStaffId = fan?.ownerStaffId ?? null
      const redemption: RedemptionDoc = {
        _id: redemptionId,
        couponId: coupon._id,
        templateId: coupon.templateId,
        fanId: coupon.fanId,
        storeId: staff.storeId,
        servingStaffId: staff._id,
        ownerStaffId,
        amountFen,
        saleId,
        at: now,
        dayKey,
        undoneAt: null,
        undoneBy: null
      }
      await tx
        .collection('coupons')
        .doc(coupon._id)
        .update({ data: { redeemedAt: now, redemptionId, redemptions: n } })
      await tx.collection('redemptions').add({ data: redemption })
      let purchaseBump: Record<string, unknown> = {}
      if (saleId !== null && amountFen !== null) {
        const sale: SaleDoc = {
          _id: saleId,
          fanId: coupon.fanId,
          storeId: staff.storeId,
          amountFen,
          at: now,
          dayKey,
          ownerStaffId,
          servingStaffId: staff._id,
          source: 'coupon',
          idempotencyKey: coupon._id,
          couponId: coupon._id
        }
        await tx.collection('sales').add({ data: sale })
        purchaseBump = (await notePurchase(tx, sale, history)).bump
      }
      const bump = { ...counterUpdate({ couponsRedeemed: 1 }), ...purchaseBump }
      await bumpCounter(tx, { dayKey, storeId: staff.storeId, staffId: staff._id }, bump, shard)
      return { coupon: { ...coupon, redeemedAt: now, redemptionId, redemptions: n }, redemption }
    })
  )
}

/** Reverses a redemption: only its own staff member, within the window; the record stays, marked undone. */
export async function undoOnce(redemptionId: string, staff: StaffDoc, now: number) {
  return untilSettled(async (shard) => {
    // the fan's next sale, in case this one was their first purchase (a transaction cannot query)
    const before = await getDoc<RedemptionDoc>('redemptions', redemptionId)
    const undoneSale = before?.saleId ? await getDoc<SaleDoc & { _id: string }>('sales', before.saleId) : null
    const next = undoneSale ? await nextSaleAfter(undoneSale) : null
    return db.runTransaction(async (tx) => {
      const r = await tx
        .collection('redemptions')
        .doc(redemptionId)
        .get()
        .then((res) => res.data as RedemptionDoc, missing)
      if (!r) throw new AppError('NOT_FOUND', '没有这条核销记录')
      if (r.servingStaffId !== staff._id) throw new AppError('FORBIDDEN', '只有办理核销的导购本人可以撤销')
      if (r.undoneAt !== null) throw new AppError('CONFLICT', '这次核销已经撤销过了')
      if (now - r.at > UNDO_WINDOW_MS) throw new AppError('CONFLICT', '核销已超过 5 分钟，不能撤销')
      const coupon = (await tx.collection('coupons').doc(r.couponId).get()).data as CouponDoc
      if (coupon.redemptionId !== r._id) throw new AppError('CONFLICT', '这张券的核销状态已变化，请刷新后重试')
      await tx
        .collection('coupons')
        .doc(coupon._id)
        .update({ data: { redeemedAt: null, redemptionId: null } })
      await tx
        .collection('redemptions')
        .doc(r._id)
        .update({ data: { undoneAt: now, undoneBy: staff._id } })
      // The sale goes: a sale document exists exactly while the purchase stands.
      let purchaseBump: Record<string, unknown> = {}
      if (r.saleId) {
        const sale = (await tx.collection('sales').doc(r.saleId).get()).data as SaleDoc
        purchaseBump = await forgetPurchase(tx, sale, next)
        await tx.collection('sales').doc(r.saleId).remove()
      }
      const bump = { ...counterUpdate({ couponsRedeemed: -1 }), ...purchaseBump }
      // any shard of the redemption's row: readers sum them
      await bumpCounter(tx, { dayKey: r.dayKey, storeId: r.storeId, staffId: r.servingStaffId }, bump, shard)
      return { ...coupon, redeemedAt: null, redemptionId: null }
    })
  })
}
