import { db } from './cloud'
import { DEFAULT_POLICY } from '../../contract'
import type { SettingsDoc } from './docs'

/**
 * One document or null. `doc(id).get()` rejects for a missing document on the real SDK, and a rejection
 * is the wrong tool for "not there yet", so ask with a where on _id instead (same cost, an index hit).
 */
export async function getDoc<T>(collection: string, id: string): Promise<T | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get()
  return (res.data[0] as T | undefined) ?? null
}

export async function getSettings(): Promise<SettingsDoc> {
  return settingsOrDefault(await getDoc<SettingsDoc>('settings', 'brand'))
}

/** A brand that never saved its settings runs on the defaults. */
export const settingsOrDefault = (doc: SettingsDoc | null): SettingsDoc => doc ?? { _id: 'brand', brandName: 'fanloop', policy: DEFAULT_POLICY }
