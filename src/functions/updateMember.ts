import { memberEditRefusal, MEMBER_EDIT_REFUSALS } from '../domain/member-edit'
import { managerStoreScope } from './_lib/caller'
import { db, _ } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { StaffDoc, StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

/**
 * A brand manager moves a staff member or store manager to another store, or makes them 店长 / 导购.
 * Their fans stay theirs; counters already recorded stay with the old store. A store move voids the
 * person's printed codes (codeVersion + 1): check-in takes the store from the staff record, so a code
 * left on the old store's counter would otherwise check its fans into the new store.
 */
export const main = defineFunction('updateMember', async ({ staffId, storeId, role }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  // Checked before looking anything up, so a store manager learns nothing about other stores' people.
  if (managerStoreScope(caller.staff) !== null) throw new AppError(MEMBER_EDIT_REFUSALS.not_brand_manager.code, MEMBER_EDIT_REFUSALS.not_brand_manager.message)
  const person = await getDoc<StaffDoc>('staff', staffId)
  if (!person) throw new AppError('NOT_FOUND', '成员不存在')
  const refusal = memberEditRefusal(managerStoreScope(caller.staff), caller.staff._id, {
    staffId: person._id,
    active: person.active,
    brandWide: person.role === 'manager' && managerStoreScope(person) === null
  })
  if (refusal) throw new AppError(MEMBER_EDIT_REFUSALS[refusal].code, MEMBER_EDIT_REFUSALS[refusal].message)
  const store = await getDoc<StoreDoc>('stores', storeId)
  if (!store) throw new AppError('NOT_FOUND', '门店不存在')
  if (!store.active) throw new AppError('CONFLICT', '门店已停用，不能调入')

  const moves = person.storeId !== storeId
  const scopeNow = person.role === 'manager' ? managerStoreScope(person) : undefined
  const sameRole = role === person.role && (role === 'staff' || (scopeNow?.length === 1 && scopeNow[0] === storeId))
  if (!moves && sameRole) return { staffId: person._id, storeId, role, codeVersion: person.codeVersion, changed: false }

  const codeVersion = moves ? person.codeVersion + 1 : person.codeVersion
  await db
    .collection('staff')
    .doc(person._id)
    .update({
      data: {
        storeId,
        role,
        // a store manager manages exactly her store; staff carry no scope (null would mean the whole brand)
        managesStoreIds: role === 'manager' ? [storeId] : _.remove(),
        ...(moves ? { codeVersion: _.inc(1) } : {})
      }
    })
  return { staffId: person._id, storeId, role, codeVersion, changed: true }
})
