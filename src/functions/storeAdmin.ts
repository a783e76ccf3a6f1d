import { db, _ } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { defineFunction } from './_lib/define'
import type { StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { storeAdminRow } from './_lib/stores-view'

/** The stores a manager looks after, closed ones too (so they can be opened again): live first, then by city and name. */
export const main = defineFunction('storeAdmin', async (_input, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const scope = managerStoreScope(caller.staff)
  const stores = db.collection('stores')
  // A brand has tens to hundreds of stores: one get, with the function-side cap (1,000) asked for explicitly.
  const res = await (scope ? stores.where({ _id: _.in(scope) }) : stores).limit(1000).get()
  const rows = (res.data as StoreDoc[]).map(storeAdminRow)
  rows.sort((a, b) => Number(b.active) - Number(a.active) || a.city.localeCompare(b.city, 'zh') || a.name.localeCompare(b.name, 'zh'))
  return { canCreate: scope === null, stores: rows }
})
