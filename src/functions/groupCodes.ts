import { _ } from './_lib/cloud'
import { managerStoreScope } from './_lib/caller'
import { defineFunction } from './_lib/define'
import { storesWhere } from './_lib/stores-read'
import { AppError } from './_lib/errors'
import { rowView, storeGroups, withQrUrls } from './_lib/group-read'
import { groupShareOf } from './_lib/group-share'
import { warnIfExpiring } from './_lib/group-warn'
import { managedStore } from './_lib/scope'

/** The stores a manager may pick from: their scope, or every active store for a brand manager. */
async function scopeStores(scope: string[] | null): Promise<Array<{ storeId: string; name: string }>> {
  const stores = await storesWhere(scope ? { active: true, _id: _.in(scope) } : { active: true })
  return stores.filter((s) => !scope || scope.includes(s._id)).map((s) => ({ storeId: s._id, name: s.name }))
}

export const main = defineFunction('groupCodes', async ({ storeId }, caller) => {
  const manager = caller.staff
  if (!manager) throw new AppError('FORBIDDEN')
  const now = Date.now()
  const scope = managerStoreScope(manager)
  const store = await managedStore(manager, storeId ?? scope?.[0] ?? manager.storeId)
  const [groups, stores, groupShare] = await Promise.all([storeGroups(store._id, now).then(withQrUrls), scopeStores(scope), groupShareOf([store._id])])
  const rows = groups.map((g) => rowView(g, now))
  const warning = await warnIfExpiring(store, groups, now)
  return {
    storeId: store._id,
    stores,
    groups: rows,
    members: rows.reduce((n, g) => n + g.members, 0),
    groupShare,
    warning
  }
})
