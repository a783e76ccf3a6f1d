import { chinaDayKey } from '../../domain/china-time'
import { groupWarning, type GroupCode, type GroupWarning } from '../../domain/group-rotation'
import { cloud, db } from './cloud'
import { getDoc } from './data'
import type { StaffDoc, StoreDoc } from './docs'
import type { GroupAlertDoc } from './group-docs'
import { isDuplicateWrite } from './errors'

/** Set per deployment to the subscribe-message template the managers consented to (mini program console). */
const TEMPLATE_ID = () => process.env.FANLOOP_GROUP_EXPIRY_TEMPLATE ?? 'group-expiry-local'

/** Managers whose scope covers the store: brand managers and the store's own. A brand has a handful. */
async function storeManagers(storeId: string): Promise<StaffDoc[]> {
  const res = await db.collection('staff').where({ role: 'manager', active: true }).limit(100).get()
  return (res.data as StaffDoc[]).filter((m) =>
    m.managesStoreIds === undefined ? m.storeId === storeId : m.managesStoreIds === null || m.managesStoreIds.includes(storeId)
  )
}

/**
 * The warning for a store's codes, sending the managers a subscribe message the first time each warning
 * is seen (keyed by store and last expiry, so a new upload re-arms it). Checked whenever the store's codes
 * are read, so no timer is needed: shoppers opening the group page are what makes an expiring code matter.
 * A failed send is logged, never the caller's problem (a manager may not have granted a message).
 */
export async function warnIfExpiring(store: StoreDoc, groups: readonly GroupCode[], now: number): Promise<GroupWarning | null> {
  const warning = groupWarning(groups, now)
  if (!warning) return null
  const alertId = `${store._id}.${warning.lastExpiresAt ?? 'none'}`
  if (await getDoc<GroupAlertDoc>('groupAlerts', alertId)) return warning
  const managers = await storeManagers(store._id)
  const alert: GroupAlertDoc = { _id: alertId, storeId: store._id, kind: warning.kind, lastExpiresAt: warning.lastExpiresAt, sentTo: managers.length, at: now }
  try {
    await db.collection('groupAlerts').add({ data: alert })
  } catch (err) {
    if (isDuplicateWrite(err)) return warning // another read got here first and sends it
    throw err
  }
  // date2 is a date field: WeChat refuses a message whose date is not one, so with no code left it carries
  // today and the words go in the text field
  const until = chinaDayKey(warning.lastExpiresAt ? warning.lastExpiresAt - 1 : now)
  const action = warning.lastExpiresAt ? '请上传新的群二维码' : '已无可用，请上传新的群二维码'
  for (const m of managers) {
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: m.openid,
        templateId: TEMPLATE_ID(),
        page: `manager/pages/groups/index?storeId=${store._id}`,
        data: { thing1: { value: `${store.name}社群二维码`.slice(0, 20) }, date2: { value: until }, thing3: { value: action } }
      })
    } catch (err) {
      console.error(`[groups] subscribe message to ${m._id} failed: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return warning
}
