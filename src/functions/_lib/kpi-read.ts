import type { CounterRow } from '../../domain/kpi-tally'
import { db, _ } from './cloud'

const PAGE = 1000

/**
 * Every document a query matches. One get() answers at most 1,000 (100 without a limit), so read in
 * pages in a stable order until a short page says there is no more.
 */
export async function readAll<T>(collection: string, where: Record<string, unknown>, fields?: Record<string, true>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    let q = db.collection(collection).where(where).orderBy('_id', 'asc')
    if (fields) q = q.field(fields)
    if (skip > 0) q = q.skip(skip)
    const res = await q.limit(PAGE).get()
    for (const d of res.data) out.push(d as T)
    if (res.data.length < PAGE) return out
  }
}

/** `_.in` lists stay short (the cloud caps query size); long id lists are asked for in slices. */
export function slices<T>(xs: readonly T[], size = 100): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

/**
 * All counter rows of one day. Their ids start with the day key (`<dayKey>.<storeId>.<staffId>`, see
 * counterId), so the day is one primary-key range, read in pages that continue after the last id:
 * no sort and no skip, which a brand's two thousand rows a day would otherwise pay for on every page.
 */
async function readDayRows(dayKey: string): Promise<CounterRow[]> {
  const out: CounterRow[] = []
  let after = `${dayKey}.`
  for (;;) {
    const res = await db.collection('counters').where({ _id: _.gt(after).and(_.lt(`${dayKey}/`)) }).orderBy('_id', 'asc').limit(PAGE).get()
    for (const d of res.data) out.push(d as CounterRow)
    if (res.data.length < PAGE) return out
    after = out[out.length - 1]._id
  }
}

/** The counter rows of some days, for every store (null) or the listed ones. */
export async function readCounterRows(dayKeys: readonly string[], storeIds: readonly string[] | null): Promise<CounterRow[]> {
  if (dayKeys.length === 0 || (storeIds && storeIds.length === 0)) return []
  if (!storeIds) return (await Promise.all(dayKeys.map(readDayRows))).flat()
  const parts = await Promise.all(
    slices(storeIds).map((ids) => readAll<CounterRow>('counters', { dayKey: _.in([...dayKeys]), storeId: _.in(ids) }))
  )
  return parts.flat()
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
  return docs.map((s) => ({ storeId: s._id, name: s.name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

export interface NamedStaff {
  name: string
  storeId: string
}

/** The `name` of each document asked for, by _id: duplicates asked once, long lists in slices. */
export async function namesById(collection: string, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)]
  const parts = await Promise.all(slices(wanted).map((s) => db.collection(collection).where({ _id: _.in(s) }).field({ name: true }).limit(100).get()))
  return new Map(parts.flatMap((r) => r.data.map((d): [string, string] => [String(d._id), String(d.name)])))
}

export async function staffByIds(ids: readonly string[]): Promise<Map<string, NamedStaff>> {
  const parts = await Promise.all(
    slices(ids).map((s) => db.collection('staff').where({ _id: _.in(s) }).field({ name: true, storeId: true }).limit(100).get())
  )
  return new Map(parts.flatMap((r) => r.data.map((d): [string, NamedStaff] => [String(d._id), { name: String(d.name), storeId: String(d.storeId) }])))
}
