import { db } from './_lib/cloud'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'

export const main = defineFunction('setAttributionPolicy', async ({ policy }, caller) => {
  // The policy is brand-wide, so only a brand manager (no store scope) may change it.
  if (!caller.staff || caller.staff.managesStoreIds !== null) throw new AppError('FORBIDDEN', '只有品牌管理员可以修改归属规则')
  const settings = await getSettings()
  await db
    .collection('settings')
    .doc('brand')
    .set({ data: { brandName: settings.brandName, policy } })
  return { policy }
})
