import type { Channel } from '../../contract'
import { db, _ } from './cloud'
import type { CounterDoc } from './docs'
import { isDuplicateWrite } from './errors'

export const counterId = (dayKey: string, storeId: string, staffId: string | null) => `${dayKey}.${storeId}.${staffId ?? '-'}`

/**
 * Counter rows must exist before a transaction bumps them with _.inc (update never upserts). A primary-key
 * read says whether it does (a refused write costs far more than a read); creating one is an add with a
 * deterministic _id, so racing creators are harmless. Not cached in memory: a cached "exists" would
 * silently drop increments if the row were ever rebuilt or removed.
 */
export async function ensureCounter(dayKey: string, storeId: string, staffId: string | null): Promise<string> {
  const id = counterId(dayKey, storeId, staffId)
  const row: CounterDoc = {
    _id: id,
    dayKey,
    storeId,
    staffId: staffId ?? '-',
    newFans: 0,
    visits: 0,
    couponsIssued: 0,
    couponsRedeemed: 0,
    sales: 0,
    salesFen: 0,
    byChannel: { store_code: 0, staff_code: 0, shared_card: 0, group: 0 }
  }
  const found = await db.collection('counters').where({ _id: id }).count()
  if (found.total > 0) return id
  try {
    await db.collection('counters').add({ data: row })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }
  return id
}

export interface CounterBump {
  newFans?: number
  visits?: number
  couponsIssued?: number
  /** negative to reverse an undone redemption */
  couponsRedeemed?: number
  sales?: number
  salesFen?: number
  channel?: Channel
}

/** The update for one event; applied inside the event's transaction so counters never drift from events. */
export function counterUpdate(bump: CounterBump): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  if (bump.newFans) data.newFans = _.inc(bump.newFans)
  if (bump.visits) data.visits = _.inc(bump.visits)
  if (bump.couponsIssued) data.couponsIssued = _.inc(bump.couponsIssued)
  if (bump.couponsRedeemed) data.couponsRedeemed = _.inc(bump.couponsRedeemed)
  if (bump.sales) data.sales = _.inc(bump.sales)
  if (bump.salesFen) data.salesFen = _.inc(bump.salesFen)
  // A nested object in update data merges by path: only byChannel.<channel> changes.
  if (bump.channel && bump.newFans) data.byChannel = { [bump.channel]: _.inc(bump.newFans) }
  return data
}
