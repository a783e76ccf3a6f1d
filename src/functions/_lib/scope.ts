import type { StaffDoc, StoreDoc } from './docs'
import { managerStoreScope } from './caller'
import { getDoc } from './data'
import { AppError } from './errors'

/** A manager may act on a store only inside their scope (a brand manager: every store). */
export function assertManages(manager: StaffDoc, storeId: string): void {
  const scope = managerStoreScope(manager)
  if (scope && !scope.includes(storeId)) throw new AppError('FORBIDDEN', '只能管理自己负责的门店')
}

export async function managedStore(manager: StaffDoc, storeId: string): Promise<StoreDoc> {
  assertManages(manager, storeId)
  const store = await getDoc<StoreDoc>('stores', storeId)
  if (!store) throw new AppError('NOT_FOUND', '门店不存在')
  return store
}

export async function managedStaff(manager: StaffDoc, staffId: string): Promise<StaffDoc> {
  const staff = await getDoc<StaffDoc>('staff', staffId)
  if (!staff) throw new AppError('NOT_FOUND', '导购不存在')
  assertManages(manager, staff.storeId)
  return staff
}
