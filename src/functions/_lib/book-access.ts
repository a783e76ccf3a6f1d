import { managerStoreScope, type Caller } from './caller'
import { db } from './cloud'
import { getDoc } from './data'
import type { StaffDoc } from './docs'
import { AppError } from './errors'
import type { BookFan } from './book-docs'
import { managedStaff } from './scope'

/**
 * Who sees a fan's book entry (consented fields, tags, notes): the fan's owning staff member, and the
 * managers of that staff member's store (a brand manager manages every store). A store-owned fan is
 * seen by the managers of the store they last visited. Another staff member, even in the same store, does
 * not: a fan who moves to a new owner takes the brand's notes along, and the old owner loses sight of them.
 */
export async function mayView(caller: Caller, fan: BookFan): Promise<boolean> {
  const me = caller.staff
  if (!me) return false
  if (fan.ownerStaffId === me._id) return true
  if (me.role !== 'manager') return false
  const scope = managerStoreScope(me)
  if (scope === null) return true
  const owner = fan.ownerStaffId ? await getDoc<StaffDoc>('staff', fan.ownerStaffId) : null
  return scope.includes(owner ? owner.storeId : fan.lastStoreId)
}

/** The fan behind a member code, if the caller may see them; otherwise a refusal that says nothing more. */
export async function visibleFan(caller: Caller, memberCode: string): Promise<BookFan> {
  const res = await db.collection('fans').where({ memberCode: memberCode.trim().toUpperCase() }).limit(1).get()
  const fan = res.data[0] as BookFan | undefined
  if (!fan) throw new AppError('NOT_FOUND', '没有这个会员码的顾客')
  if (!(await mayView(caller, fan))) throw new AppError('FORBIDDEN', '只能查看自己名下的顾客')
  return fan
}

/** Whose book a call reads: the caller's own, or (managers) a staff member of a store they manage. */
export async function bookOwner(caller: Caller, staffId: string | undefined): Promise<StaffDoc> {
  const me = caller.staff
  if (!me) throw new AppError('FORBIDDEN')
  if (staffId === undefined || staffId === me._id) return me
  if (me.role !== 'manager') throw new AppError('FORBIDDEN', '只能查看自己的顾客')
  return managedStaff(me, staffId)
}
