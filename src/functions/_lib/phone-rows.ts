import { db, _ } from './cloud'
import { getDoc } from './data'
import { isDuplicateWrite } from './errors'
import { keyedFromLegacy, legacyPhoneKey, phoneKey } from './phone'
import type { FanPhoneDoc } from './sales-docs'

export const FAN_PHONES = 'fanPhones'

/**
 * The fan a phone is bound to. A row still under the legacy key is found by it and moved to the keyed
 * key on the way (add the new, remove the old: a racing lookup finds one or the other).
 */
export async function boundPhone(phone: string): Promise<FanPhoneDoc | null> {
  const keyed = await getDoc<FanPhoneDoc>(FAN_PHONES, phoneKey(phone))
  if (keyed) return keyed
  const legacy = await getDoc<FanPhoneDoc>(FAN_PHONES, legacyPhoneKey(phone))
  if (!legacy) return null
  await migratePhoneRow(legacy)
  return legacy
}

async function migratePhoneRow(row: FanPhoneDoc): Promise<void> {
  try {
    await db.collection(FAN_PHONES).add({ data: { _id: keyedFromLegacy(row._id), fanId: row.fanId } })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }
  await db.collection(FAN_PHONES).doc(row._id).remove()
}

/** Migrates up to `limit` rows still under legacy keys (keyed ids start with ph_); answers how many. */
export async function migrateLegacyPhones(limit = 100): Promise<number> {
  // legacy ids are lower-case hex, all sorting before 'g'; keyed ones start with 'ph_'
  const legacy = (
    await db
      .collection(FAN_PHONES)
      .where({ _id: _.lt('g') })
      .limit(limit)
      .get()
  ).data as FanPhoneDoc[]
  for (const r of legacy) await migratePhoneRow(r)
  return legacy.length
}
