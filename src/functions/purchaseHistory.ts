import { db, _ } from './_lib/cloud'
import { defineFunction } from './_lib/define'
import type { SaleDoc, StoreDoc } from './_lib/docs'

const SHOWN = 50

/** The shopper's own purchases, newest first. Only their openid's sales: nothing from the request selects whose. */
export const main = defineFunction('purchaseHistory', async (_input, caller) => {
  const sales = db.collection('sales').where({ fanId: caller.openid })
  const [page, total] = await Promise.all([sales.orderBy('at', 'desc').limit(SHOWN).get(), sales.count()])
  const rows = page.data as SaleDoc[]
  const storeIds = [...new Set(rows.map((s) => s.storeId))]
  const stores = storeIds.length
    ? ((
        await db
          .collection('stores')
          .where({ _id: _.in(storeIds) })
          .limit(100)
          .get()
      ).data as StoreDoc[])
    : []
  const names = new Map(stores.map((s) => [s._id, s.name]))
  // The oldest purchase overall is the first one; every other is a repurchase.
  return {
    purchases: total.total,
    totalFen: rows.reduce((sum, s) => sum + s.amountFen, 0),
    rows: rows.map((s, i) => ({
      saleId: s._id ?? '',
      at: s.at,
      amountFen: s.amountFen,
      storeName: names.get(s.storeId) ?? '',
      source: s.source,
      repurchase: total.total - i > 1
    }))
  }
})
