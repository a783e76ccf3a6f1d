import { chinaDayKeyStart, DAY_MS } from '../../domain/china-time'
import type { EventSet, SaleEvent } from '../../domain/kpi-events'
import { db, _ } from './cloud'
import { readAll, slices } from './reads'

/** Each event source: its collection, the time field a day is selected on, the store field, the fields counted. */
const SOURCES = {
  fans: { at: 'createdAt', store: 'firstStoreId', fields: ['firstStoreId', 'capturingStaffId', 'channel', 'createdAt', 'returning'] },
  visits: { at: 'at', store: 'storeId', fields: ['fanId', 'storeId', 'servingStaffId', 'at'] },
  coupons: { at: 'issuedAt', store: 'storeId', fields: ['fanId', 'storeId', 'ownerStaffId', 'issuedBy', 'issuedAt'] },
  redemptions: { at: 'at', store: 'storeId', fields: ['storeId', 'servingStaffId', 'at', 'undoneAt'] },
  sales: { at: 'at', store: 'storeId', fields: ['fanId', 'storeId', 'amountFen', 'at', 'servingStaffId'] },
  groupJoins: { collection: 'groupMembers', at: 'joinedAt', store: 'storeId', fields: ['storeId', 'ownerStaffId', 'joinedAt'] }
} as const
export const EVENT_COLLECTIONS = Object.keys(SOURCES) as Array<keyof EventSet>

async function readSource(name: keyof EventSet, start: number, storeIds: readonly string[] | null): Promise<unknown[]> {
  const src = SOURCES[name]
  const fields = Object.fromEntries(src.fields.map((f) => [f, true as const]))
  const collection = 'collection' in src ? src.collection : name
  const when = () => ({ [src.at]: _.gte(start).and(_.lt(start + DAY_MS)) })
  if (!storeIds) return readAll(collection, when(), fields)
  const parts = await Promise.all(slices(storeIds).map((ids) => readAll(collection, { ...when(), [src.store]: _.in(ids) }, fields)))
  return parts.flat()
}

/** One China day of events from the log (paged reads), for every store (null) or the listed ones. */
export async function readDayEvents(dayKey: string, storeIds: readonly string[] | null): Promise<EventSet> {
  const start = chinaDayKeyStart(dayKey)
  const lists = await Promise.all(EVENT_COLLECTIONS.map((name) => readSource(name, start, storeIds)))
  return Object.fromEntries(EVENT_COLLECTIONS.map((name, i) => [name, lists[i]])) as unknown as EventSet
}

/**
 * How many purchases each of these fans made before `before`, added to `into`: whether a sale is a
 * fan's first or a repurchase depends on sales outside the range being counted.
 */
export async function loadPriorPurchases(fanIds: readonly string[], before: number, into: Map<string, number>): Promise<void> {
  const $ = db.command.aggregate
  await Promise.all(
    slices(fanIds).map(async (ids) => {
      const res = await db
        .collection('sales')
        .aggregate()
        .match({ fanId: _.in(ids), at: _.lt(before) })
        .group({ _id: '$fanId', n: $.sum(1) })
        .limit(1000)
        .end()
      for (const id of ids) into.set(id, 0)
      for (const r of res.list as Array<{ _id: string; n: number }>) into.set(r._id, r.n)
    })
  )
}

/**
 * For a rebuild of some stores only: the same day's sales of these fans at the other stores, marked as
 * context, so that a store's sale after the fan's purchase elsewhere that day counts as the repurchase it was.
 */
export async function otherStoreSales(dayKey: string, fanIds: readonly string[], storeIds: readonly string[]): Promise<SaleEvent[]> {
  const start = chinaDayKeyStart(dayKey)
  const fields = Object.fromEntries(SOURCES.sales.fields.map((f) => [f, true as const]))
  const parts = await Promise.all(
    slices(fanIds).map((ids) => readAll<SaleEvent>('sales', { fanId: _.in(ids), at: _.gte(start).and(_.lt(start + DAY_MS)) }, { ...fields, _id: true }))
  )
  return parts
    .flat()
    .filter((s) => !storeIds.includes(s.storeId))
    .map((s) => ({ ...s, context: true }))
}
