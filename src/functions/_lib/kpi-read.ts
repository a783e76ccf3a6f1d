import { addInto, emptyTally, rowTally, tallyRowFields, type CounterRow, type Tally } from '../../domain/kpi-tally'
import { db, _ } from './cloud'
import type { StaffDoc } from './docs'
import { PAGE, readAll, slices } from './reads'

/**
 * All counter rows of one day. Their ids start with the day key (`<dayKey>.<storeId>.<staffId>`, see
 * counterId), so the day is one primary-key range, read in pages that continue after the last id:
 * no sort and no skip, which a brand's two thousand rows a day would otherwise pay for on every page.
 */
async function readDayRows(dayKey: string): Promise<CounterRow[]> {
  const out: CounterRow[] = []
  let after = `${dayKey}.`
  for (;;) {
    const res = await db
      .collection('counters')
      .where({ _id: _.gt(after).and(_.lt(`${dayKey}/`)) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()
    for (const d of res.data) out.push(d as CounterRow)
    if (res.data.length < PAGE) return out
    after = out[out.length - 1]._id
  }
}

/** A logical counter row: its shards (counters.ts) summed under the row's own id; `shardIds` lists the others. */
export type MergedCounterRow = CounterRow & { shardIds: string[] }

export function mergeShards(rows: readonly CounterRow[]): MergedCounterRow[] {
  const out = new Map<string, { row: CounterRow; tally: Tally; shardIds: string[] }>()
  for (const r of rows) {
    const id = `${r.dayKey}.${r.storeId}.${r.staffId}`
    const m = out.get(id) ?? { row: { _id: id, dayKey: r.dayKey, storeId: r.storeId, staffId: r.staffId }, tally: emptyTally(), shardIds: [] }
    addInto(m.tally, rowTally(r))
    if (r._id !== id) m.shardIds.push(r._id)
    out.set(id, m)
  }
  return [...out.values()].map((m) => ({ ...m.row, ...tallyRowFields(m.tally), shardIds: m.shardIds }))
}

/** The counter rows of some days (shards merged), for every store (null) or the listed ones. */
export async function readCounterRows(dayKeys: readonly string[], storeIds: readonly string[] | null): Promise<MergedCounterRow[]> {
  if (dayKeys.length === 0 || (storeIds && storeIds.length === 0)) return []
  if (!storeIds) return mergeShards((await Promise.all(dayKeys.map(readDayRows))).flat())
  const parts = await Promise.all(slices(storeIds).map((ids) => readAll<CounterRow>('counters', { dayKey: _.in([...dayKeys]), storeId: _.in(ids) })))
  return mergeShards(parts.flat())
}

export interface NamedStore {
  storeId: string
  name: string
}

/** Names of the stores a manager may see (null = all), in name order. */
export async function storesIn(scope: readonly string[] | null): Promise<NamedStore[]> {
  const docs = scope
    ? (await Promise.all(slices(scope).map((ids) => readAll<{ _id: string; name: string }>('stores', { _id: _.in(ids) }, { name: true })))).flat()
    : await readAll<{ _id: string; name: string }>('stores', {}, { name: true })
  return byName(docs.map((s) => ({ storeId: s._id, name: s.name })))
}

const byName = (stores: NamedStore[]) => stores.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

export interface NamedStaff {
  name: string
  storeId: string
}

/** A staff record as storesWithStaff joins it: enough to name, place and filter them. */
export type StoreStaff = Pick<StaffDoc, '_id' | 'name' | 'storeId' | 'role' | 'active'>

/**
 * The listed stores in name order, each with everyone whose home store it is (any role, active or not):
 * one aggregate per 100 stores, a $lookup on staff.storeId joining the people to their store, where the
 * names of stores and of people would be two reads, the second after the first.
 */
export async function storesWithStaff(storeIds: readonly string[]): Promise<{ stores: NamedStore[]; staff: StoreStaff[] }> {
  const parts = await Promise.all(
    slices(storeIds).map((ids) =>
      db
        .collection('stores')
        .aggregate()
        .match({ _id: _.in(ids) })
        .lookup({ from: 'staff', localField: '_id', foreignField: 'storeId', as: 'staff' })
        .limit(ids.length)
        .end()
    )
  )
  const docs = parts.flatMap((r) => r.list as Array<{ _id: string; name: string; staff: StoreStaff[] }>)
  return {
    stores: byName(docs.map((s) => ({ storeId: s._id, name: s.name }))),
    staff: docs.flatMap((s) => s.staff.map(({ _id, name, storeId, role, active }) => ({ _id, name, storeId, role, active })))
  }
}

export async function staffByIds(ids: readonly string[]): Promise<Map<string, NamedStaff>> {
  const parts = await Promise.all(
    slices(ids).map((s) =>
      db
        .collection('staff')
        .where({ _id: _.in(s) })
        .field({ name: true, storeId: true })
        .limit(100)
        .get()
    )
  )
  return new Map(parts.flatMap((r) => r.data.map((d): [string, NamedStaff] => [String(d._id), { name: String(d.name), storeId: String(d.storeId) }])))
}
