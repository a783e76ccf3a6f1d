import type { SceneParts } from '../../domain/scene'
import { db, _ } from './cloud'
import { counterIdExpr } from './counters'
import type { CouponTemplateDoc, FanDoc, SettingsDoc, StaffDoc, StoreDoc } from './docs'
import { FORMER_FANS, formerFanKey } from './former-fans'
import type { GroupCodeDoc } from './group-docs'
import { RATE_LIMITS, safe, type SeenRows } from './rate-limit'

/** Everything a scan decides on, as it stood just before the check-in's transaction. */
export interface ScanSnapshot {
  staff: StaffDoc | null
  store: StoreDoc | null
  settings: SettingsDoc | null
  /** the shopper's fan record; a hint only: the transaction reads it again before writing it */
  fan: FanDoc | null
  /** the shopper deleted their data before (see former-fans.ts) */
  former: boolean
  /** the brand's welcome templates, paused ones included */
  welcome: CouponTemplateDoc[]
  /** the store's group codes, expired and full ones included (the caller picks, as entryGroup does) */
  groups: GroupCodeDoc[]
  /** the staff member the fan belonged to before this scan, when there is one */
  owner: StaffDoc | null
  /** which of the day's counter rows the scan may bump (the code's staff member's, the store's) exist */
  counterIds: string[]
  /** the rate-limit rows of the keys asked for (rate-limit.ts takeSlot's `seen`) */
  rateRows: SeenRows
}

type Joined = (StaffDoc | StoreDoc) & {
  _store?: StoreDoc[]
  _settings: SettingsDoc[]
  _fan: FanDoc[]
  _former: unknown[]
  _welcome: CouponTemplateDoc[]
  _groups: GroupCodeDoc[]
  _owner: StaffDoc[]
  _counters: Array<{ _id: string }>
  _rl: SeenRows
}

/**
 * A scan's reads in one request (#20): on WeChat Cloud each request is a round trip the shopper waits for,
 * and the code's staff member, store, the brand settings, the shopper's fan and former-fan records, the
 * welcome templates, the store's group codes and the fan's staff member were eight. One aggregate starts at
 * the code's own document (staff or store) and joins the rest with `lookup`; the constants it joins on
 * (the settings id, the openid, ...) are added as fields first, since the equality form joins on fields.
 * It also brings the day's counter rows and the code's rate-limit rows, so that what follows does not
 * ask whether they exist.
 */
export async function readScan(code: Pick<SceneParts, 'kind' | 'id'>, openid: string, dayKey: string, rateKeys: readonly string[]): Promise<ScanSnapshot> {
  const staffCode = code.kind === 'staff'
  const storeId = staffCode ? '_store._id' : '_id'
  // the day's counter rows of the code's staff member and of the store itself, built from the stored store id
  const row = (staffId: string | null) => counterIdExpr(dayKey, staffCode ? '$storeId' : '$_id', { $literal: staffId ?? '-' })
  const counters = staffCode ? [row(code.id), row(null)] : [row(null)]
  const res = await db
    .collection(staffCode ? 'staff' : 'stores')
    .aggregate()
    .match({ _id: code.id })
    .limit(1)
    // $literal: an openid is data, never a field path, whatever it starts with
    .addFields({
      _k: { settings: 'brand', me: _.aggregate.literal(openid), former: formerFanKey(openid), welcome: 'welcome', counters, rl: rateKeys.map(safe) }
    })
    .lookup({ from: 'stores', localField: staffCode ? 'storeId' : '_id', foreignField: '_id', as: '_store' })
    .lookup({ from: 'settings', localField: '_k.settings', foreignField: '_id', as: '_settings' })
    .lookup({ from: 'fans', localField: '_k.me', foreignField: '_id', as: '_fan' })
    .lookup({ from: FORMER_FANS, localField: '_k.former', foreignField: '_id', as: '_former' })
    .lookup({ from: 'couponTemplates', localField: '_k.welcome', foreignField: 'trigger', as: '_welcome' })
    .lookup({ from: 'groups', localField: storeId, foreignField: 'storeId', as: '_groups' })
    .lookup({ from: 'staff', localField: '_fan.ownerStaffId', foreignField: '_id', as: '_owner' })
    .lookup({ from: 'counters', localField: '_k.counters', foreignField: '_id', as: '_counters' })
    .lookup({ from: RATE_LIMITS, localField: '_k.rl', foreignField: 'key', as: '_rl' })
    .end()
  const found = res.list[0] as Joined | undefined
  if (!found) return { staff: null, store: null, settings: null, fan: null, former: false, welcome: [], groups: [], owner: null, counterIds: [], rateRows: [] }
  const { _k, _store, _settings, _fan, _former, _welcome, _groups, _owner, _counters, _rl, ...own } = found as Joined & { _k: unknown }
  return {
    staff: staffCode ? (own as StaffDoc) : null,
    store: _store?.[0] ?? null,
    settings: _settings[0] ?? null,
    fan: _fan[0] ?? null,
    former: _former.length > 0,
    welcome: _welcome,
    groups: _groups,
    owner: _owner[0] ?? null,
    counterIds: _counters.map((c) => c._id),
    rateRows: _rl
  }
}
