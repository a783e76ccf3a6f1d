import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { managedStore } from './_lib/scope'

// Stub: the store-management journey replaces this.
export const main = defineFunction('saveStore', async ({ storeId }, caller) => {
  if (!storeId || !caller.staff) throw new AppError('NOT_FOUND')
  await managedStore(caller.staff, storeId)
  return { storeId }
})
