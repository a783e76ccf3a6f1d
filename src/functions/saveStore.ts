import { managerStoreScope } from './_lib/caller'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { managedStore } from './_lib/scope'
import { storeAdminRow } from './_lib/stores-view'
import { createStore, editStore } from './_lib/stores-write'

/** Without storeId: a new store (brand managers only). With it: an edit of a store in the caller's scope. */
export const main = defineFunction('saveStore', async ({ storeId, ...fields }, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  if (!storeId) {
    // Scope first: a store manager is refused before being told what the form lacks.
    if (managerStoreScope(manager) !== null) throw new AppError('FORBIDDEN', '只有品牌管理员可以新增门店')
    const store = await createStore(fields)
    return { storeId: store._id, created: true, store: storeAdminRow(store) }
  }
  const store = await managedStore(manager, storeId)
  // Switching a store off hides it from shoppers and voids its codes: a brand decision, not the store's.
  if (fields.active !== undefined && managerStoreScope(manager) !== null) throw new AppError('FORBIDDEN', '只有品牌管理员可以停用或恢复门店')
  const saved = await editStore(store, fields)
  return { storeId: saved._id, created: false, store: storeAdminRow(saved) }
})
