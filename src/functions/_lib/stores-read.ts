import type { StoreDoc } from './docs'
import { readAll } from './reads'

/**
 * Every store a query matches, by name: one get() stops at 100 (1,000 with a limit), and a brand may
 * have more stores than that, so this pages (readAll) instead of silently cutting the list. Sorted here
 * by code point, the order the database's orderBy('name') gave.
 */
export async function storesWhere(where: Record<string, unknown>): Promise<StoreDoc[]> {
  const stores = await readAll<StoreDoc>('stores', where)
  return stores.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
