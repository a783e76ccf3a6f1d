import { createHash } from 'node:crypto'
import { chinaDayKey } from '../../domain/china-time'
import { assertSaleAmount } from '../../domain/repurchase'
import type { SaleResult } from '../../contract/sales'
import { db, _ } from './cloud'
import { bumpCounter, counterReady } from './counters'
import { untilSettled } from './coupons'
import type { FanDoc, SaleDoc } from './docs'
import { getDoc } from './data'
import { AppError } from './errors'
import { notePurchase } from './sales-summary'

/** A sale's _id from its idempotency key: the same request or order id always lands on the same document. */
export const saleIdFor = (source: SaleDoc['source'], key: string) => `sale_${source}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`

export interface NewSale {
  fan: FanDoc
  storeId: string
  amountFen: number
  servingStaffId: string | null
  source: SaleDoc['source']
  idempotencyKey: string
  now: number
  /** a document to add in the same transaction (the POS request's signature): a clash rolls everything back */
  alsoAdd?: { collection: string; data: Record<string, unknown> & { _id: string } }
}

const missing = () => null

/**
 * Records one sale exactly once: the sale, the fan's purchase summary and the counters commit together.
 * A repeat of the idempotency key answers the sale already recorded (created: false) and bumps nothing.
 */
export async function recordSaleOnce(s: NewSale): Promise<SaleResult> {
  assertSaleAmount(s.amountFen)
  const saleId = saleIdFor(s.source, s.idempotencyKey)
  const dayKey = chinaDayKey(s.now)
  // A known order id is answered before anything is created: a refusal writes nothing (not even the
  // fan's purchase summary or a counter row); the transaction below still decides a race.
  const known = await getDoc<SaleDoc>('sales', saleId)
  if (known && !sameSale(known, s)) throw new AppError('CONFLICT', SALE_CLASH)
  if (known) return repeatOf(s, known)
  await counterReady({ dayKey, storeId: s.storeId, staffId: s.servingStaffId })
  const result = await untilSettled((shard) =>
    db.runTransaction(async (tx) => {
      if (s.alsoAdd) await tx.collection(s.alsoAdd.collection).add({ data: s.alsoAdd.data })
      const prior = await tx
        .collection('sales')
        .doc(saleId)
        .get()
        .then((r) => r.data as SaleDoc, missing)
      if (prior) {
        if (!sameSale(prior, s)) throw new AppError('CONFLICT', SALE_CLASH)
        return { saleId, memberCode: s.fan.memberCode, amountFen: prior.amountFen, at: prior.at, repurchase: false, created: false }
      }
      // The owner at the moment of sale, read in the transaction like the coupon redemption does.
      const fan = await tx
        .collection('fans')
        .doc(s.fan._id)
        .get()
        .then((r) => r.data as FanDoc, missing)
      const sale: SaleDoc = {
        _id: saleId,
        fanId: s.fan._id,
        storeId: s.storeId,
        amountFen: s.amountFen,
        at: s.now,
        dayKey,
        ownerStaffId: fan?.ownerStaffId ?? null,
        servingStaffId: s.servingStaffId,
        source: s.source,
        idempotencyKey: s.idempotencyKey
      }
      const { repurchase, bump } = await notePurchase(tx, sale)
      await tx.collection('sales').add({ data: sale })
      await bumpCounter(tx, { dayKey, storeId: s.storeId, staffId: s.servingStaffId }, bump, shard)
      return { saleId, memberCode: s.fan.memberCode, amountFen: s.amountFen, at: s.now, repurchase, created: true }
    })
  )
  if (result.created) return result
  return repeatOf(s, { amountFen: result.amountFen, at: result.at })
}

const SALE_CLASH = '同一单号已记录过不同的消费'
const sameSale = (prior: SaleDoc, s: NewSale) => prior.fanId === s.fan._id && prior.amountFen === s.amountFen

/** A repeat: whether that sale was a repurchase is whether the fan had bought before it. */
async function repeatOf(s: NewSale, prior: Pick<SaleDoc, 'amountFen' | 'at'>): Promise<SaleResult> {
  const earlier = await db
    .collection('sales')
    .where({ fanId: s.fan._id, at: _.lt(prior.at) })
    .count()
  return {
    saleId: saleIdFor(s.source, s.idempotencyKey),
    memberCode: s.fan.memberCode,
    amountFen: prior.amountFen,
    at: prior.at,
    repurchase: earlier.total > 0,
    created: false
  }
}

/** The fan a member code names (codes are stored upper-case). */
export async function fanByMemberCode(memberCode: string): Promise<FanDoc> {
  const code = memberCode.trim().toUpperCase()
  const res = await db.collection('fans').where({ memberCode: code }).limit(1).get()
  const fan = res.data[0] as FanDoc | undefined
  if (!fan) throw new AppError('NOT_FOUND', `没有会员码为 ${code} 的顾客`)
  return fan
}
