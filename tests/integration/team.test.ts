import { startTestCloud, expectOk, LIMITS_LIFTED, type TestCloud } from '../support/local-cloud'

let t: TestCloud
// 60 new fans on one staff code in a moment would be a flagged burst; here the subject is the transfer.
beforeEach(async () => {
  t = await startTestCloud({ limits: LIMITS_LIFTED })
})
afterEach(async () => {
  await t.stop()
})

describe('managing staff codes and fans', () => {
  it('a manager gets a signed store code that checks shoppers in to the store', async () => {
    const code = expectOk(await t.call('storeCode', { storeId: 'st02' }, 'demo-store-manager'))
    expect(code.storeName).toBe('人民广场店')
    const r = expectOk(await t.call('checkin', { scene: code.scene }, 'walk-in'))
    expect(r).toMatchObject({ channel: 'store_code', ownerStaff: null })
    expect(r.store.storeId).toBe('st02')
  })

  it('a store manager cannot get another store’s code', async () => {
    expect(await t.call('storeCode', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('revoking a staff member’s codes makes the old code invalid and the new one work', async () => {
    const old = expectOk(await t.call('staffCode', {}, 'demo-staff-3')).scene
    expect(expectOk(await t.call('revokeStaffCode', { staffId: 'sf03' }, 'demo-store-manager')).codeVersion).toBe(2)
    expect(await t.call('checkin', { scene: old }, 'shopper-1')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    const fresh = expectOk(await t.call('staffCode', {}, 'demo-staff-3')).scene
    expect(fresh).not.toBe(old)
    expect(expectOk(await t.call('checkin', { scene: fresh }, 'shopper-1')).ownerStaff?.staffId).toBe('sf03')
  })

  it('a leaving staff member’s fans move to a colleague in batches, each move recorded, and the leaver’s code stops working', async () => {
    const scene = t.scene('staff', 'sf03')
    for (let i = 0; i < 60; i++) await t.call('checkin', { scene }, `fan-${i}`)
    const first = expectOk(await t.call('transferFans', { fromStaffId: 'sf03', toStaffId: 'sf04', deactivate: true }, 'demo-store-manager'))
    expect(first).toEqual({ moved: 50, remaining: 10 })
    expect(await t.call('checkin', { scene }, 'late-fan')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(expectOk(await t.call('transferFans', { fromStaffId: 'sf03', toStaffId: 'sf04' }, 'demo-store-manager'))).toEqual({ moved: 10, remaining: 0 })
    expect(await t.count('fans', { ownerStaffId: 'sf04' })).toBe(60)
    expect(await t.count('bindingEvents', { from: 'sf03', to: 'sf04', reason: 'transfer' })).toBe(60)
    const team = expectOk(await t.call('teamList', { storeId: 'st02' }, 'demo-store-manager')).members
    expect(team.find((m) => m.staffId === 'sf03')).toMatchObject({ active: false, fans: 0 })
    expect(team.find((m) => m.staffId === 'sf04')).toMatchObject({ active: true, fans: 60 })
  })

  it('fans can go back to the store, and a transfer to the leaver themself is refused', async () => {
    await t.call('checkin', { scene: t.scene('staff', 'sf03') }, 'fan-s')
    expect(await t.call('transferFans', { fromStaffId: 'sf03', toStaffId: 'sf03' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(expectOk(await t.call('transferFans', { fromStaffId: 'sf03', toStaffId: null }, 'demo-store-manager'))).toEqual({ moved: 1, remaining: 0 })
    expect(await t.count('fans', { _id: 'fan-s', ownerStaffId: null })).toBe(1)
  })
})
