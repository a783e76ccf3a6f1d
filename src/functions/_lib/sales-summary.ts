import { db, _ } from './cloud'
import type { SaleDoc } from './docs'
import type { PurchaseSummaryDoc } from './sales-docs'
import { bumpCounter, counterUpdate, type CounterBump } from './counters'

export type Tx = Parameters<Parameters<typeof db.runTransaction>[0]>[0]

/**
 * A summary for a fan who has none yet, from the sales already committed (demo history, coupon sales written
 * without one): one read of their sales (at and storeId of up to a page, oldest first), counting only past a
 * full page. totalFen of that history is left at 0 rather than reading every sale: only counts drive decisions.
 */
async function summaryFromSales(fanId: string): Promise<PurchaseSummaryDoc> {
  const sales = db.collection('sales').where({ fanId })
  const page = (await sales.orderBy('at', 'asc').field({ at: true, storeId: true }).limit(1000).get()).data as Array<Pick<SaleDoc, 'at' | 'storeId'>>
  const total = page.length < 1000 ? page.length : (await sales.count()).total
  if (page.length < 1000) return summaryOfSales(fanId, page)
  const l = (await sales.orderBy('at', 'desc').limit(1).get()).data[0] as SaleDoc | undefined
  return { _id: fanId, purchases: total, totalFen: 0, firstPurchaseAt: page[0].at, lastPurchaseAt: l?.at ?? null, firstStoreId: page[0].storeId }
}

/** The summary of these sales of a fan (all of them, in any order), as summaryFromSales makes it. */
export function summaryOfSales(fanId: string, sales: Array<Pick<SaleDoc, 'at' | 'storeId'>>): PurchaseSummaryDoc {
  const f = sales.reduce<(typeof sales)[number] | undefined>((a, s) => (a && a.at <= s.at ? a : s), undefined)
  const lastPurchaseAt = sales.length ? Math.max(...sales.map((s) => s.at)) : null
  return { _id: fanId, purchases: sales.length, totalFen: 0, firstPurchaseAt: f?.at ?? null, lastPurchaseAt, firstStoreId: f?.storeId ?? null }
}

/**
 * Inside a sale's transaction: reads the fan's summary, records this sale on it and answers the counter
 * bump. Reading and writing the summary in the transaction makes two concurrent sales of one fan
 * conflict, so exactly one of them is the first purchase. A fan without a summary gets it here, written by
 * the transaction (a set; two first sales racing conflict on it like any other write): no existence read and
 * no separate add before the transaction, two round trips fewer on every fan's first sale (#20). The sales
 * read for it runs outside the transaction (a transaction cannot query) and cannot see this uncommitted sale.
 * `history`: the same summary, made before the transaction from a read that found no summary either (the
 * till's one read, till-read.ts), saving that round trip. It is as current as a read here: every sale since
 * summaries exist writes the summary in its own transaction, so while there is none the fan's committed
 * sales are the same; one committed in between left a summary, which this read finds (or conflicts on).
 */
export async function notePurchase(tx: Tx, sale: SaleDoc, history?: PurchaseSummaryDoc): Promise<{ repurchase: boolean; bump: Record<string, unknown> }> {
  const ref = tx.collection('fanPurchases').doc(sale.fanId)
  const stored = await ref.get().then(
    (r) => r.data as PurchaseSummaryDoc,
    () => null
  )
  const summary = stored ?? (history?._id === sale.fanId ? history : null) ?? (await summaryFromSales(sale.fanId))
  const repurchase = summary.purchases > 0
  const first = repurchase ? {} : { firstPurchaseAt: sale.at, firstStoreId: sale.storeId }
  const lastPurchaseAt = Math.max(summary.lastPurchaseAt ?? 0, sale.at)
  if (stored) await ref.update({ data: { purchases: _.inc(1), totalFen: _.inc(sale.amountFen), lastPurchaseAt, ...first } })
  else {
    const { _id, ...fields } = summary
    await ref.set({ data: { ...fields, purchases: summary.purchases + 1, totalFen: summary.totalFen + sale.amountFen, lastPurchaseAt, ...first } })
  }
  const bump: CounterBump = repurchase
    ? { sales: 1, salesFen: sale.amountFen, repurchases: 1, repurchaseFen: sale.amountFen }
    : { sales: 1, salesFen: sale.amountFen, firstPurchases: 1 }
  return { repurchase, bump: counterUpdate(bump) }
}

/**
 * The fan's earliest sale after `sale` (read before an undo's transaction, which cannot query): if the undone
 * sale opened the history, this one becomes the first purchase.
 */
export async function nextSaleAfter(sale: SaleDoc & { _id: string }): Promise<(SaleDoc & { _id: string }) | null> {
  const res = await db
    .collection('sales')
    .where({ fanId: sale.fanId, at: _.gte(sale.at), _id: _.neq(sale._id) })
    .orderBy('at', 'asc')
    .orderBy('_id', 'asc')
    .limit(1)
    .get()
  return (res.data[0] as (SaleDoc & { _id: string }) | undefined) ?? null
}

/**
 * Reverses notePurchase for an undone sale (coupon undo, within minutes): it was the first purchase if the
 * summary says it opened the history. Then the fan's next sale (`next`, from nextSaleAfter) is their first
 * purchase instead of a repurchase: its own counter row moves a repurchase to a first purchase, in this same
 * transaction, so every figure equals a recount of the remaining sales. lastPurchaseAt stays: win-back
 * merely waits a little longer.
 */
export async function forgetPurchase(tx: Tx, sale: SaleDoc, next: (SaleDoc & { _id: string }) | null): Promise<Record<string, unknown>> {
  const summary = (await tx.collection('fanPurchases').doc(sale.fanId).get()).data as PurchaseSummaryDoc
  const wasRepurchase = summary.firstPurchaseAt !== sale.at
  const data: Record<string, unknown> = { purchases: _.inc(-1), totalFen: _.inc(-sale.amountFen) }
  // re-read in the transaction: a sale undone or moved meanwhile makes this conflict and run again
  const successor =
    !wasRepurchase && next && summary.purchases > 1
      ? await tx
          .collection('sales')
          .doc(next._id)
          .get()
          .then(
            (r) => r.data as SaleDoc,
            () => null
          )
      : null
  if (!wasRepurchase)
    Object.assign(data, successor ? { firstPurchaseAt: successor.at, firstStoreId: successor.storeId } : { firstPurchaseAt: null, firstStoreId: null })
  await tx.collection('fanPurchases').doc(sale.fanId).update({ data })
  if (successor) {
    const promoted = counterUpdate({ firstPurchases: 1, repurchases: -1, repurchaseFen: -successor.amountFen })
    await bumpCounter(tx, { dayKey: successor.dayKey, storeId: successor.storeId, staffId: successor.servingStaffId }, promoted)
  }
  const bump: CounterBump = wasRepurchase
    ? { sales: -1, salesFen: -sale.amountFen, repurchases: -1, repurchaseFen: -sale.amountFen }
    : { sales: -1, salesFen: -sale.amountFen, firstPurchases: -1 }
  return counterUpdate(bump)
}
