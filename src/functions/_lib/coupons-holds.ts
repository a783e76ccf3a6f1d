import { db, _ } from './cloud'
import type { CouponTemplateDoc } from './docs'
import { isDuplicateWrite } from './errors'

/**
 * A fan's places under a template's perFanLimit: place n is the row `<template>:<fan>:<n>`, n < limit.
 * Taking one is an add with that deterministic _id, so two issues racing for the last place collide on
 * the primary key and exactly perFanLimit places exist however many occasions race (deleteMyData drops
 * the rows with the fan). Coupons issued before places existed (or by check-in's once-per-fan welcome)
 * carry no `slot` and use up places from the top.
 */
export const COUPON_HOLDS = 'couponHolds'

interface HoldDoc {
  _id: string
  fanId: string
  templateId: string
  n: number
  occasion: string
}

export type Reservation = { kind: 'reserved'; slot: number } | { kind: 'same_occasion' } | { kind: 'full' }

export async function reserveFanShare(t: CouponTemplateDoc, fanId: string, occasion: string): Promise<Reservation> {
  const [legacy, rows] = await Promise.all([
    db
      .collection('coupons')
      .where({ fanId, templateId: t._id, slot: _.exists(false) })
      .count(),
    db.collection(COUPON_HOLDS).where({ fanId, templateId: t._id }).limit(100).get()
  ])
  const held = rows.data as HoldDoc[]
  if (held.some((h) => h.occasion === occasion)) return { kind: 'same_occasion' }
  const taken = new Set(held.map((h) => h.n))
  for (let n = 0; n < t.perFanLimit - legacy.total; n++) {
    if (taken.has(n)) continue
    const _id = `${t._id}:${fanId}:${n}`
    try {
      await db.collection(COUPON_HOLDS).add({ data: { _id, fanId, templateId: t._id, n, occasion } satisfies HoldDoc })
      return { kind: 'reserved', slot: n }
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      const other = (await db.collection(COUPON_HOLDS).where({ _id }).limit(1).get()).data[0] as HoldDoc | undefined
      if (other?.occasion === occasion) return { kind: 'same_occasion' }
    }
  }
  return { kind: 'full' }
}

export async function releaseFanShare(t: CouponTemplateDoc, fanId: string, slot: number): Promise<void> {
  await db.collection(COUPON_HOLDS).doc(`${t._id}:${fanId}:${slot}`).remove()
}
