import type { Channel } from '../../contract'
import { COUNTER_FIELDS, type CounterField } from '../../domain/counter-fields'
import { db, _ } from './cloud'
import type { CounterDoc } from './docs'
import { isDuplicateWrite } from './errors'

export { COUNTER_FIELDS, type CounterField }

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
    ...(Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as Record<CounterField, number>),
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

/** How much one event adds to each figure (negative to reverse an undone one); `channel` splits newFans. */
export type CounterBump = Partial<Record<CounterField, number>> & { channel?: Channel }

/** The update for one event; applied inside the event's transaction so counters never drift from events. */
export function counterUpdate(bump: CounterBump): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const field of COUNTER_FIELDS) {
    const by = bump[field]
    if (by) data[field] = _.inc(by)
  }
  // A nested object in update data merges by path: only byChannel.<channel> changes.
  if (bump.channel && bump.newFans) data.byChannel = { [bump.channel]: _.inc(bump.newFans) }
  return data
}
