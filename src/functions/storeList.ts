import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { storesWhere } from './_lib/stores-read'
import { storeView } from './_lib/views'

export const main = defineFunction(
  'storeList',
  async ({ city }) => {
    const query = city ? { active: true, city } : { active: true }
    const [stores, settings] = await Promise.all([storesWhere(query), getSettings()])
    return { brandName: settings.brandName, stores: stores.map(storeView) }
  },
  { role: 'shopper' }
)
