import { couponCodeFor, couponIdFor, memberCodeFor } from '../../src/domain/codes'
import { erasedCoupon, isTombstone, KEPT_FAN_FIELDS, redemptionIdsOf, renamed, tombstoneFan, tombstoneId } from '../../src/domain/privacy'

const OPENID = 'o-shopper-7f3a'
const T = tombstoneId('a1b2c3d4e5f6a1b2c3d4e5f6')
const NOW = Date.UTC(2026, 10, 12, 4)

const fan = {
  _id: OPENID,
  memberCode: memberCodeFor(OPENID),
  firstStoreId: 'st01',
  lastStoreId: 'st03',
  channel: 'staff_code',
  capturingStaffId: 'sf01',
  ownerStaffId: 'sf02',
  boundAt: NOW - 1000,
  createdAt: NOW - 5000,
  lastVisitAt: NOW - 1000,
  visits: 4,
  scanWindow: { start: NOW, count: 2 },
  heldForStaffId: 'sf01',
  homeGroupJoinedAt: NOW - 3000
}

describe('the tombstone fan', () => {
  const t = tombstoneFan(fan, T)

  it('keeps only what the counters are recounted from, and nothing that names or reaches the person', () => {
    expect(t).toMatchObject({
      _id: T,
      firstStoreId: 'st01',
      channel: 'staff_code',
      capturingStaffId: 'sf01',
      createdAt: fan.createdAt,
      homeGroupJoinedAt: fan.homeGroupJoinedAt
    })
    const text = JSON.stringify(t)
    expect(text).not.toContain(OPENID)
    expect(text).not.toContain(fan.memberCode)
    for (const gone of ['scanWindow', 'heldForStaffId']) expect(t).not.toHaveProperty(gone)
    expect(t).toMatchObject({ ownerStaffId: null, boundAt: null, visits: 0, lastStoreId: 'st01' })
  })

  it('has a unique member code that an upper-casing till lookup can never match', () => {
    expect(t.memberCode).toBe(T)
    expect(String(t.memberCode).toUpperCase()).not.toBe(t.memberCode)
    expect(isTombstone(T)).toBe(true)
    expect(isTombstone(OPENID)).toBe(false)
  })

  it('leaves out a kept field the fan never had', () => {
    const { homeGroupJoinedAt: _h, ...older } = fan
    expect(tombstoneFan(older, T)).not.toHaveProperty('homeGroupJoinedAt')
    expect(KEPT_FAN_FIELDS).toContain('createdAt')
  })
})

describe('an erased coupon', () => {
  const id = couponIdFor(OPENID, 'tpl-welcome', 'welcome')
  const base = {
    _id: id,
    code: couponCodeFor(id),
    fanId: OPENID,
    templateId: 'tpl-welcome',
    occasion: 'welcome',
    validUntil: NOW + 86_400_000,
    redeemedAt: null as number | null,
    storeId: 'st01',
    issuedAt: NOW - 5000
  }

  it('gets an id and till code derived from the tombstone, not the openid', () => {
    const e = erasedCoupon(base, T, NOW)
    expect(e._id).toBe(couponIdFor(T, 'tpl-welcome', 'welcome'))
    expect(e._id).not.toBe(id)
    expect(e.code).toBe(couponCodeFor(e._id))
    expect(e.fanId).toBe(T)
    expect(JSON.stringify(e)).not.toContain(OPENID)
    // the same tombstone gives the same id: a re-run lands on the same document
    expect(erasedCoupon(base, T, NOW + 1)._id).toBe(e._id)
  })

  it('is voided when unused, kept as it was when used, and keeps the fields counters read', () => {
    expect(erasedCoupon(base, T, NOW).validUntil).toBe(NOW - 1)
    const used = { ...base, redeemedAt: NOW - 100, redemptionId: `rd_${id}_1`, redemptions: 1 }
    const e = erasedCoupon(used, T, NOW)
    expect(e.validUntil).toBe(base.validUntil)
    expect(e.redemptionId).toBe(`rd_${e._id}_1`)
    expect(e).toMatchObject({ storeId: 'st01', issuedAt: base.issuedAt, redemptions: 1 })
    // an already expired coupon keeps its earlier end
    expect(erasedCoupon({ ...base, validUntil: NOW - 10_000 }, T, NOW).validUntil).toBe(NOW - 10_000)
  })
})

describe('ids', () => {
  it('lists every redemption a coupon can have, undone ones included', () => {
    expect(redemptionIdsOf({ _id: 'cp_X', redemptions: 2, redemptionId: null })).toEqual(['rd_cp_X_1', 'rd_cp_X_2'])
    expect(redemptionIdsOf({ _id: 'cp_X', redemptionId: 'rd_cp_X_1' })).toEqual(['rd_cp_X_1'])
    expect(redemptionIdsOf({ _id: 'cp_X' })).toEqual([])
  })

  it('renames ids that contain the coupon id and leaves others alone', () => {
    expect(renamed('sale_cp_OLD_2', 'cp_OLD', 'cp_NEW')).toBe('sale_cp_NEW_2')
    expect(renamed('sale_pos_abc', 'cp_OLD', 'cp_NEW')).toBe('sale_pos_abc')
  })
})
