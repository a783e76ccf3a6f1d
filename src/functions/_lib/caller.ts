import type { Role } from '../../contract'
import { db } from './cloud'
import type { StaffDoc } from './docs'

export interface Caller {
  openid: string
  role: Role
  /** the caller's staff record when role is staff or manager */
  staff: StaffDoc | null
}

/** The role comes from our own records for this openid, never from anything in the request. */
export async function resolveCaller(openid: string): Promise<Caller> {
  const res = await db.collection('staff').where({ openid, active: true }).limit(1).get()
  const staff = (res.data[0] as StaffDoc | undefined) ?? null
  if (!staff) return { openid, role: 'shopper', staff: null }
  return { openid, role: staff.role, staff }
}

/** The stores a manager may see: all when managesStoreIds is null, else the listed ones. */
export function managerStoreScope(staff: StaffDoc): string[] | null {
  return staff.managesStoreIds === undefined ? [staff.storeId] : staff.managesStoreIds
}
