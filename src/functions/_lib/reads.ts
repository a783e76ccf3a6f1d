/** Reads every function may need: whole result sets, long id lists, names by id. */
import { db, _ } from './cloud'

/** Rows per page of a read: the most one get() answers. */
export const PAGE = 1000

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

/** The `name` of each document asked for, by _id: duplicates asked once, long lists in slices. */
export async function namesById(collection: string, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)]
  const parts = await Promise.all(
    slices(wanted).map((s) =>
      db
        .collection(collection)
        .where({ _id: _.in(s) })
        .field({ name: true })
        .limit(100)
        .get()
    )
  )
  return new Map(parts.flatMap((r) => r.data.map((d): [string, string] => [String(d._id), String(d.name)])))
}
