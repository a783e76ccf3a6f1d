import { claimBrandOnce } from './_lib/brand-setup'
import { db } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

/** Until stores exist the brand manager's home is this placeholder; manager pages pick stores explicitly. */
const NO_STORE_YET = 'hq'

export const main = defineFunction('claimBrand', async ({ code, name }, caller) => {
  if (caller.staff) throw new AppError('CONFLICT', '你已是团队成员，无需认领')
  const first = await db.collection('stores').where({ active: true }).limit(1).get()
  const store = (first.data[0] as StoreDoc | undefined) ?? null
  const staff = await claimBrandOnce(code, caller.openid, name, store?._id ?? NO_STORE_YET, Date.now())
  return { staffId: staff._id, name: staff.name, role: 'manager' as const, storeId: staff.storeId, storeName: store?.name ?? '' }
})
