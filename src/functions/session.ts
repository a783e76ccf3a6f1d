import { defineFunction } from './_lib/define'
import { getDoc } from './_lib/data'
import type { FanDoc, StaffDoc, StoreDoc } from './_lib/docs'
import { staffRef } from './_lib/views'

export const main = defineFunction('session', async (_input, caller) => {
  const fan = await getDoc<FanDoc>('fans', caller.openid)
  const store = caller.staff ? await getDoc<StoreDoc>('stores', caller.staff.storeId) : null
  const owner = fan?.ownerStaffId ? await getDoc<StaffDoc>('staff', fan.ownerStaffId) : null
  return {
    role: caller.role,
    staff: caller.staff ? { staffId: caller.staff._id, name: caller.staff.name, storeId: caller.staff.storeId, storeName: store?.name ?? '' } : null,
    fan: fan ? { memberCode: fan.memberCode, visits: fan.visits, ownerStaff: staffRef(owner), since: fan.createdAt } : null
  }
})
