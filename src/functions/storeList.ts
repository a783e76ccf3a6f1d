import { db } from './_lib/cloud'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { StoreDoc } from './_lib/docs'
import { storeView } from './_lib/views'

export const main = defineFunction(
  'storeList',
  async ({ city }) => {
    const query = city ? { active: true, city } : { active: true }
    // One brand has tens of stores, not thousands; 100 is the real cap of one get() and is asked for explicitly.
    const [res, settings] = await Promise.all([db.collection('stores').where(query).orderBy('name', 'asc').limit(100).get(), getSettings()])
    return { brandName: settings.brandName, stores: (res.data as StoreDoc[]).map(storeView) }
  },
  { role: 'shopper' }
)
