import { blockChildren, blockId, blocksContaining, dayKeyOfNumber, type Block } from '../../domain/kpi-range'
import { addInto, emptyTally, rowTally, TALLY_FIELDS, type Tally } from '../../domain/kpi-tally'
import { db, _ } from './cloud'
import { readCounterRows } from './kpi-read'
import { slices } from './reads'

/**
 * Rollups: sums of the counter rows of closed days over aligned power-of-two runs of days, one
 * document per run for the whole brand. A 30-day brand view then reads about 9 documents (and today's
 * live rows) instead of 30 days × every store × every staff member. Closed days never change except
 * by a rebuild, which drops the rollups it touches; a missing or stale rollup is rebuilt on read.
 */
export const ROLLUPS = 'kpiRollups'
const FIELDS = TALLY_FIELDS.join(',')

export interface StoreRollup {
  /** staffId ('-' = the store itself) → tally over the block */
  staff: Record<string, Tally>
  /** dayKey → the store's tally that day */
  days: Record<string, Tally>
}

export interface RollupDoc {
  _id: string
  level: number
  from: string
  fields: string
  stores: Record<string, StoreRollup>
}

const add = (into: Record<string, Tally>, key: string, t: readonly number[]) => addInto((into[key] ??= emptyTally()), t)

async function save(doc: RollupDoc): Promise<RollupDoc> {
  const { _id, ...data } = doc
  // Concurrent builders write the same content under the same id, so a race is harmless.
  await db
    .collection(ROLLUPS)
    .doc(_id)
    .set({ data: { ...data, builtAt: Date.now() } })
  return doc
}

async function fetchRollups(ids: string[], fields?: Record<string, true>): Promise<Map<string, RollupDoc>> {
  const q = db.collection(ROLLUPS).where({ _id: _.in(ids) })
  const res = await (fields ? q.field(fields) : q).limit(100).get()
  const docs = res.data as RollupDoc[]
  return new Map(docs.filter((d) => d.fields === FIELDS).map((d) => [d._id, d]))
}

async function build(block: Block): Promise<RollupDoc> {
  const doc: RollupDoc = { _id: blockId(block), level: block.level, from: dayKeyOfNumber(block.start), fields: FIELDS, stores: {} }
  const store = (id: string) => (doc.stores[id] ??= { staff: {}, days: {} })
  if (block.level === 0) {
    for (const row of await readCounterRows([doc.from], null)) {
      const t = rowTally(row)
      add(store(row.storeId).staff, row.staffId, t)
      add(store(row.storeId).days, row.dayKey, t)
    }
    return save(doc)
  }
  const halves = blockChildren(block)
  const found = await fetchRollups(halves.map(blockId))
  const children = await Promise.all(halves.map((h) => found.get(blockId(h)) ?? build(h)))
  for (const child of children) {
    for (const [storeId, s] of Object.entries(child.stores)) {
      for (const [staffId, t] of Object.entries(s.staff)) add(store(storeId).staff, staffId, t)
      for (const [dayKey, t] of Object.entries(s.days)) add(store(storeId).days, dayKey, t)
    }
  }
  return save(doc)
}

/**
 * The rollups for these blocks, limited to the listed stores (null = all). A store manager's view asks
 * only for their stores' part of each document.
 */
export async function loadRollups(blocks: Block[], storeIds: readonly string[] | null): Promise<RollupDoc[]> {
  if (blocks.length === 0) return []
  const fields = storeIds
    ? { level: true as const, from: true as const, fields: true as const, ...Object.fromEntries(storeIds.map((id) => [`stores.${id}`, true as const])) }
    : undefined
  const found = await fetchRollups(blocks.map(blockId), fields)
  const docs = await Promise.all(blocks.map((b) => found.get(blockId(b)) ?? build(b)))
  if (!storeIds) return docs
  return docs.map((d) => ({ ...d, stores: Object.fromEntries(storeIds.filter((id) => d.stores?.[id]).map((id) => [id, d.stores[id]])) }))
}

/** Drops every rollup that includes one of these days; the next read rebuilds them from the counters. */
export async function invalidateRollups(days: readonly number[]): Promise<number> {
  const ids = [...new Set(days.flatMap((d) => blocksContaining(d).map(blockId)))]
  let removed = 0
  for (const part of slices(ids))
    removed += (
      await db
        .collection(ROLLUPS)
        .where({ _id: _.in(part) })
        .remove()
    ).stats.removed
  return removed
}
