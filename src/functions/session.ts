import { defineFunction } from './_lib/define'
import { managerStoreScope } from './_lib/caller'
import { getDoc } from './_lib/data'
import type { FanDoc, StaffDoc, StoreDoc } from './_lib/docs'
import { hasBoundPhone } from './_lib/phone-lookup'
import { staffRef } from './_lib/views'

export const main = defineFunction('session', async (_input, caller) => {
  const fan = await getDoc<FanDoc>('fans', caller.openid)
  const [store, owner, phoneBound] = await Promise.all([
    caller.staff ? getDoc<StoreDoc>('stores', caller.staff.storeId) : null,
    fan?.ownerStaffId ? getDoc<StaffDoc>('staff', fan.ownerStaffId) : null,
    fan ? hasBoundPhone(caller.openid) : false
  ])
  return {
    role: caller.role,
    staff: caller.staff
      ? {
          staffId: caller.staff._id,
          name: caller.staff.name,
          storeId: caller.staff.storeId,
          storeName: store?.name ?? '',
          // the pages hide what the server would refuse: brand-wide settings for a store manager
          manages: managerStoreScope(caller.staff)
        }
      : null,
    fan: fan ? { memberCode: fan.memberCode, visits: fan.visits, ownerStaff: staffRef(owner), since: fan.createdAt, phoneBound } : null
  }
})
