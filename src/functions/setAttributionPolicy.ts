import { db, _ } from './_lib/cloud'
import { getDoc, getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { SettingsDoc } from './_lib/docs'
import { AppError } from './_lib/errors'

export const main = defineFunction('setAttributionPolicy', async ({ policy }, caller) => {
  // The policy is brand-wide, so only a brand manager (no store scope) may change it.
  if (!caller.staff || caller.staff.managesStoreIds !== null) throw new AppError('FORBIDDEN', '只有品牌管理员可以修改归属规则')
  const brand = db.collection('settings').doc('brand')
  // Only the policy changes: the brand's limits and anything else kept beside it stay as they are.
  // _.set replaces the policy object whole (a plain object would merge by path and keep stale keys).
  if (await getDoc<SettingsDoc>('settings', 'brand')) await brand.update({ data: { policy: _.set(policy) } })
  else await brand.set({ data: { brandName: (await getSettings()).brandName, policy } })
  return { policy }
})
