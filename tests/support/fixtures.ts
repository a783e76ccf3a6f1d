import { memberCodeFor } from '../../src/domain/codes'

/** The brand's win-back template as the win-back tests add it (the demo brand's templates have none). */
export const WINBACK_TEMPLATE = {
  _id: 'tpl-winback',
  title: '好久不见 10 元券',
  kind: 'amount_off',
  value: 1000,
  thresholdFen: 0,
  validity: { type: 'days', days: 14 },
  stock: null,
  issued: 0,
  perFanLimit: 10,
  trigger: 'win_back',
  storeIds: null,
  paused: false
}

/** A store-owned fan of st01 (no staff) who joined and last visited at `at`, for seeding fans in bulk. */
export function storeFan(id: string, at: number) {
  return {
    _id: id,
    memberCode: memberCodeFor(id),
    firstStoreId: 'st01',
    lastStoreId: 'st01',
    channel: 'store_code',
    capturingStaffId: null,
    ownerStaffId: null,
    boundAt: null,
    createdAt: at,
    lastVisitAt: at,
    visits: 1
  }
}

/** The purchase summary of a fan with one 1 元 purchase at `at`, at st01. */
export const onePurchase = (id: string, at: number) => ({ _id: id, purchases: 1, totalFen: 100, firstPurchaseAt: at, lastPurchaseAt: at, firstStoreId: 'st01' })
