import type { Channel } from '../../contract'
import { COUNTER_FIELDS, type CounterField } from '../../domain/counter-fields'
import { db, _ } from './cloud'
import type { CounterDoc } from './docs'
import { isDuplicateWrite } from './errors'

export { COUNTER_FIELDS, type CounterField }

/** A counter row's logical id: one row per day, store and staff member ('-' for the store's own). */
export const counterId = (dayKey: string, storeId: string, staffId: string | null) => `${dayKey}.${storeId}.${staffId ?? '-'}`

/**
 * counterId as an aggregation expression, for a read that joins a day's row on fields of the document it
 * starts from: `storeId` and `staffId` are field paths ('$storeId') or literal values ({ $literal: 'sf01' }).
 */
export const counterIdExpr = (dayKey: string, storeId: unknown, staffId: unknown) => ({
  $concat: [{ $literal: `${dayKey}.` }, storeId, { $literal: '.' }, staffId]
})

/**
 * No hot document (#20). On WeChat Cloud two transactions writing one document conflict (-501001), so a
 * single row per store and day, bumped by every check-in, redemption and sale, turned a busy store's
 * simultaneous scans into retries and BUSY. A logical row is therefore kept as up to SHARDS documents:
 * shard 0 is the row itself (`counterId`, so older data and every reader keyed on it stay valid), shard k
 * is `<counterId>.<k>`; each carries dayKey, storeId and staffId and readers sum them (kpi-read merges them
 * back into one row per counterId). An event tries shard 0 first and moves to a random other shard only
 * after a conflict: a quiet store keeps one document a day, a busy one spreads over as many as it needs.
 */
export const SHARDS = 32

export const counterShardId = (dayKey: string, storeId: string, staffId: string | null, shard: number) =>
  shard === 0 ? counterId(dayKey, storeId, staffId) : `${counterId(dayKey, storeId, staffId)}.${shard}`

/** The shard an event's attempt writes: the row itself first, then, after a conflict, any other one. */
export const shardForAttempt = (attempt: number) => (attempt === 0 ? 0 : 1 + Math.floor(Math.random() * (SHARDS - 1)))

export interface CounterKey {
  dayKey: string
  storeId: string
  staffId: string | null
}

/**
 * A transaction met a counter shard that does not exist yet (update never upserts). It is thrown out of the
 * transaction (which rolls back), the row is created outside it and the event runs again: the first event
 * of a shard on a day pays that once, every later one pays nothing. No existence pre-read per event (it
 * cost every check-in a request) and no cached "exists" that could drop an increment silently: the
 * transaction itself checks that its increment landed.
 */
export class MissingCounter extends Error {
  constructor(
    readonly key: CounterKey,
    readonly shard: number
  ) {
    super(`counter row ${counterShardId(key.dayKey, key.storeId, key.staffId, shard)} is missing`)
  }
}

type Tx = Parameters<Parameters<typeof db.runTransaction>[0]>[0]

/** Inside the event's transaction: applies `data` (from counterUpdate) to one shard of the row, or throws MissingCounter. */
export async function bumpCounter(tx: Tx, key: CounterKey, data: Record<string, unknown>, shard = 0): Promise<void> {
  if (Object.keys(data).length === 0) return
  const res = (await tx
    .collection('counters')
    .doc(counterShardId(key.dayKey, key.storeId, key.staffId, shard))
    .update({ data })) as { updated?: number; stats?: { updated?: number } }
  if ((res.stats?.updated ?? res.updated) !== 1) {
    known.ids.delete(counterShardId(key.dayKey, key.storeId, key.staffId, shard))
    throw new MissingCounter(key, shard)
  }
}

/**
 * Rows this warm instance created or saw created (their day's ids; the set starts over with each day). Before
 * an event, a row not in it is created blind (an add that a duplicate makes harmless: one request, where the
 * old existence count was one too); a row in it costs nothing. The set is only a hint: bumpCounter still
 * checks that the increment landed, so a row removed meanwhile is recreated, never silently missed.
 */
const known = { dayKey: '', ids: new Set<string>() }

/** Rows a read has just seen (the scan's one read looks for its rows): counterReady then costs them nothing. */
export function countersSeen(dayKey: string, ids: readonly string[]): void {
  if (known.dayKey !== dayKey) known.ids.clear()
  known.dayKey = dayKey
  for (const id of ids) known.ids.add(id)
}

/** Makes sure the row itself (shard 0) exists before the event's transaction, as cheaply as this instance knows. */
export async function counterReady(key: CounterKey): Promise<void> {
  if (known.dayKey !== key.dayKey) known.ids.clear()
  known.dayKey = key.dayKey
  if (!known.ids.has(counterShardId(key.dayKey, key.storeId, key.staffId, 0))) await createCounter(new MissingCounter(key, 0))
}

/** Creates an empty shard row with its deterministic id; racing creators are harmless. */
export async function createCounter(m: MissingCounter): Promise<void> {
  const { dayKey, storeId, staffId } = m.key
  const row: CounterDoc = {
    _id: counterShardId(dayKey, storeId, staffId, m.shard),
    dayKey,
    storeId,
    staffId: staffId ?? '-',
    ...(Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as Record<CounterField, number>),
    byChannel: { store_code: 0, staff_code: 0, shared_card: 0, group: 0 }
  }
  try {
    await db.collection('counters').add({ data: row })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }
  if (known.dayKey === dayKey) known.ids.add(row._id)
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
