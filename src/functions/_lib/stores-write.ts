import type { z } from 'zod'
import type { contract } from '../../contract'
import { storeFieldsProblem } from '../../domain/store-fields'
import { db } from './cloud'
import { getDoc } from './data'
import type { StoreDoc } from './docs'
import { AppError, isDuplicateWrite } from './errors'
import { newStoreId } from './stores-id'

export type StoreInput = Omit<z.infer<(typeof contract)['saveStore']['input']>, 'storeId'>

function assertUsable(fields: StoreInput, isNew: boolean): void {
  const problem = storeFieldsProblem(fields, isNew)
  if (problem) throw new AppError('INVALID_INPUT', problem)
}

/**
 * A new store, live at once with code version 1 (its store code signs `S.<id>.1`). Nothing else needs
 * creating: counters rows appear on its first event (counterReady, bumpCounter), brand-wide coupon templates
 * (storeIds null) already cover it, and a store without a group code shows its phone instead.
 * The location is a db.Geo.Point, as the demo seeding writes it and nearbyStores' geoNear reads it.
 */
export async function createStore(fields: StoreInput): Promise<StoreDoc> {
  assertUsable(fields, true)
  if (fields.active === false) throw new AppError('INVALID_INPUT', '新门店保存后即为营业状态；如需停用，请保存后再编辑')
  const f = fields as Required<StoreInput>
  for (let attempt = 0; attempt < 3; attempt++) {
    const store: StoreDoc = {
      _id: newStoreId(),
      name: f.name,
      city: f.city,
      address: f.address,
      location: db.Geo.Point(f.longitude, f.latitude),
      hours: f.hours,
      phone: f.phone,
      active: true,
      codeVersion: 1
    }
    try {
      await db.collection('stores').add({ data: store })
      return store
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
    }
  }
  throw new AppError('BUSY')
}

/** Only the fields given change; one document update, so an edit lands whole or not at all. */
export async function editStore(store: StoreDoc, fields: StoreInput): Promise<StoreDoc> {
  assertUsable(fields, false)
  const changes: Record<string, unknown> = {}
  for (const key of ['name', 'city', 'address', 'hours', 'phone', 'active'] as const) {
    if (fields[key] !== undefined) changes[key] = fields[key]
  }
  if (fields.longitude !== undefined && fields.latitude !== undefined) changes.location = db.Geo.Point(fields.longitude, fields.latitude)
  // Saving an unchanged form is not an error: nothing to write.
  if (Object.keys(changes).length === 0) return store
  await db.collection('stores').doc(store._id).update({ data: changes })
  const saved = await getDoc<StoreDoc>('stores', store._id)
  if (!saved) throw new AppError('NOT_FOUND', '门店不存在')
  return saved
}
