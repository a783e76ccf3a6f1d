import type { FunctionName } from '../../src/contract'

/**
 * One valid request per cloud function, so that authorization and fuzz tests reach the role check and
 * the handler rather than stopping at validation. A function without a row fails those tests: add one.
 * `scene` values are filled in by the tests (they need the running cloud's signing key).
 */
export const SAMPLE_INPUTS: Record<FunctionName, Record<string, unknown>> = {
  session: {},
  storeList: { city: '上海' },
  checkin: { scene: '<staff-scene>', via: 'scan' },
  staffCode: {},
  myFans: { limit: 5 },
  managerOverview: { storeId: 'st01' },
  nearbyStores: { longitude: 121.4456, latitude: 31.2235 },
  teamList: { storeId: 'st01' },
  storeCode: { storeId: 'st01' },
  revokeStaffCode: { staffId: 'sf02' },
  transferFans: { fromStaffId: 'sf02', toStaffId: 'sf01' },
  updateMember: { staffId: 'sf02', storeId: 'st01', role: 'staff' },
  wallet: {},
  couponPreview: { code: '7K3MPQ2R' },
  redeemCoupon: { code: '7K3MPQ2R', amountFen: 3800 },
  undoRedemption: { redemptionId: 'rd_sample_1' },
  couponTemplates: {},
  saveCouponTemplate: {
    template: {
      title: '样例券',
      kind: 'amount_off',
      value: 500,
      thresholdFen: 0,
      validity: { type: 'days', days: 7 },
      stock: 10,
      perFanLimit: 1,
      trigger: 'manual',
      storeIds: ['st01'],
      paused: false
    }
  },
  issueCoupon: { templateId: 'tpl-welcome', memberCode: 'SAMPLE0001', requestId: 'sample-1' },
  groupEntry: { storeId: 'st01' },
  joinGroup: { groupId: 'gr-st01-1' },
  groupCodes: { storeId: 'st01' },
  saveGroupCode: { storeId: 'st01', groupId: 'gr-st01-1', full: true },
  linkGroupTicket: { ticket: 'local-cloudid:eyJvcGVuZ2lkIjoiR19zYW1wbGUifQ' },
  recordSale: { memberCode: 'SAMPLE0001', amountFen: 12800, requestId: 'sample-sale-1' },
  posSale: { orderId: 'POS-SAMPLE-1', storeId: 'st01', amountFen: 12800, memberCode: 'SAMPLE0001' },
  purchaseHistory: {},
  repurchaseStats: { storeId: 'st01', cohort: 'month' },
  runWinBack: { dryRun: true },
  subscribeWinBack: { accepted: false },
  bindPhone: { cloudID: 'local-cloudid:eyJwdXJlUGhvbmVOdW1iZXIiOiIxMzgwMDAwMDAwMCJ9' },
  kpiDashboard: { range: '7d', storeId: 'st01' },
  staffKpi: { range: '7d' },
  rebuildCounters: { from: '2026-11-01', to: '2026-11-02', storeId: 'st01', dryRun: true },
  exportKpiCsv: { range: '7d', storeId: 'st01', table: 'daily' },
  reviewCodeFlag: { flagId: 'flag.sf01.2026-11-20', decision: 'reject' },
  storeAdmin: {},
  saveStore: { storeId: 'st01', phone: '021-62880000' },
  myData: {},
  deleteMyData: { confirm: true },
  setAttributionPolicy: { policy: { mode: 'first', protectionDays: null, windowDays: null, validityDays: null, newFansOnly: false } },
  // onboarding: st02 so that its store manager is in scope; the invite id names no invite (NOT_FOUND)
  claimBrand: { code: 'sample-not-the-code', name: '样例' },
  createInvite: { kind: 'staff', storeId: 'st02', name: '样例导购' },
  inviteInfo: { inviteId: 'SampleInvite00000000' },
  acceptInvite: { inviteId: 'SampleInvite00000000', name: '样例' },
  revokeInvite: { inviteId: 'SampleInvite00000000' },
  inviteList: {},
  // the customer book (issue 21)
  fanProfile: {},
  fanBook: { q: '5678', limit: 5 },
  fanDetail: { memberCode: 'K4HXGCMR7Y' },
  fanNote: { memberCode: 'K4HXGCMR7Y', tags: ['常客'] },
  followUps: {},
  followUpAction: { memberCode: 'K4HXGCMR7Y', action: 'done', requestId: 'fu-sample-1' },
  followUpStats: { storeId: 'st01' }
}
