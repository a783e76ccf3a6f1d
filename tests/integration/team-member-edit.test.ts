import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/** 团队与二维码 → 调整门店/角色: only a brand manager, never herself or another brand manager. */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})

const BRAND = 'demo-manager'
const STORE_MANAGER = 'demo-store-manager' // 林涛, manages st02

async function staffDoc(id: string): Promise<Record<string, unknown>> {
  const res = await t.cloud.db.api().collection('staff').where({ _id: id }).get()
  return res.data[0] as Record<string, unknown>
}

describe('changing a person’s store or role', () => {
  it('a brand manager moves a staff member to another store: her fans stay hers, her old code stops, her new fans check into the new store', async () => {
    const oldScene = expectOk(await t.call('staffCode', {}, 'demo-staff-1')).scene // 王芳 sf01, 静安寺店 st01
    const before = expectOk(await t.call('checkin', { scene: oldScene }, 'fan-old'))
    expect(before.store.storeId).toBe('st01')

    const r = expectOk(await t.call('updateMember', { staffId: 'sf01', storeId: 'st03', role: 'staff' }, BRAND))
    expect(r).toEqual({ staffId: 'sf01', storeId: 'st03', role: 'staff', codeVersion: 2, changed: true })

    // the printed code on the old store's counter no longer works
    expect(await t.call('checkin', { scene: oldScene }, 'fan-late')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    const fresh = expectOk(await t.call('staffCode', {}, 'demo-staff-1'))
    expect(fresh.storeName).toBe('徐家汇店')
    const after = expectOk(await t.call('checkin', { scene: fresh.scene }, 'fan-new'))
    expect(after.store.storeId).toBe('st03')
    expect(after.ownerStaff?.staffId).toBe('sf01')

    // the fan she had stays hers, and she is listed with the new store's team
    expect(await t.count('fans', { ownerStaffId: 'sf01' })).toBe(2)
    const st03 = expectOk(await t.call('teamList', { storeId: 'st03' }, BRAND)).members
    expect(st03.find((m) => m.staffId === 'sf01')).toMatchObject({ role: 'staff', fans: 2 })
    const st01 = expectOk(await t.call('teamList', { storeId: 'st01' }, BRAND)).members
    expect(st01.some((m) => m.staffId === 'sf01')).toBe(false)
  })

  it('a brand manager makes a staff member 店长 of her store, who then manages that store only, and back to 导购', async () => {
    const r = expectOk(await t.call('updateMember', { staffId: 'sf05', storeId: 'st03', role: 'manager' }, BRAND))
    // same store: her codes keep working
    expect(r).toEqual({ staffId: 'sf05', storeId: 'st03', role: 'manager', codeVersion: 1, changed: true })
    expect(await staffDoc('sf05')).toMatchObject({ role: 'manager', managesStoreIds: ['st03'], storeId: 'st03' })
    expect(expectOk(await t.call('session', {}, 'demo-staff-5')).role).toBe('manager')
    expect((await t.call('teamList', { storeId: 'st03' }, 'demo-staff-5')).ok).toBe(true)
    expect(await t.call('teamList', { storeId: 'st01' }, 'demo-staff-5')).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    expectOk(await t.call('updateMember', { staffId: 'sf05', storeId: 'st03', role: 'staff' }, BRAND))
    const back = await staffDoc('sf05')
    expect(back).toMatchObject({ role: 'staff', storeId: 'st03' })
    // no scope left behind: a null scope would read as the whole brand
    expect('managesStoreIds' in back).toBe(false)
  })

  it('a brand manager moves a store manager: she manages the new store, not the old one', async () => {
    expectOk(await t.call('updateMember', { staffId: 'mg02', storeId: 'st04', role: 'manager' }, BRAND))
    expect(await staffDoc('mg02')).toMatchObject({ storeId: 'st04', managesStoreIds: ['st04'], codeVersion: 2 })
    expect((await t.call('teamList', { storeId: 'st04' }, STORE_MANAGER)).ok).toBe(true)
    expect(await t.call('teamList', { storeId: 'st02' }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('asking for what the person already has writes nothing and says so', async () => {
    const before = t.cloud.db.snapshot().checksum
    const r = expectOk(await t.call('updateMember', { staffId: 'mg02', storeId: 'st02', role: 'manager' }, BRAND))
    expect(r).toMatchObject({ changed: false, codeVersion: 1 })
    expect(t.cloud.db.snapshot().checksum).toBe(before)
  })

  describe('refusals write nothing', () => {
    it.each([
      ['a store manager moving her own staff to another store', STORE_MANAGER, { staffId: 'sf03', storeId: 'st01', role: 'staff' }, 'FORBIDDEN'],
      ['a store manager promoting her own staff', STORE_MANAGER, { staffId: 'sf03', storeId: 'st02', role: 'manager' }, 'FORBIDDEN'],
      ['a store manager touching another store’s staff', STORE_MANAGER, { staffId: 'sf01', storeId: 'st02', role: 'staff' }, 'FORBIDDEN'],
      ['staff', 'demo-staff-1', { staffId: 'sf02', storeId: 'st02', role: 'staff' }, 'FORBIDDEN'],
      ['a shopper', 'someone', { staffId: 'sf02', storeId: 'st02', role: 'staff' }, 'FORBIDDEN'],
      ['a brand manager editing herself', BRAND, { staffId: 'mg01', storeId: 'st02', role: 'staff' }, 'FORBIDDEN'],
      ['a brand manager editing another brand manager', BRAND, { staffId: 'mg09', storeId: 'st02', role: 'staff' }, 'FORBIDDEN'],
      ['an unknown person', BRAND, { staffId: 'nobody', storeId: 'st02', role: 'staff' }, 'NOT_FOUND'],
      ['an unknown store', BRAND, { staffId: 'sf01', storeId: 'st99', role: 'staff' }, 'NOT_FOUND'],
      ['a closed store', BRAND, { staffId: 'sf01', storeId: 'st-closed', role: 'staff' }, 'CONFLICT'],
      ['a person who left', BRAND, { staffId: 'sf-left', storeId: 'st02', role: 'staff' }, 'CONFLICT'],
      ['a role that does not exist', BRAND, { staffId: 'sf01', storeId: 'st02', role: 'owner' }, 'INVALID_INPUT']
    ])('%s', async (_what, openid, event, code) => {
      const db = t.cloud.db.api()
      await db.collection('staff').add({
        data: {
          _id: 'mg09',
          openid: 'other-brand-manager',
          name: '周总',
          storeId: 'st05',
          role: 'manager',
          managesStoreIds: null,
          active: true,
          codeVersion: 1
        }
      })
      await db
        .collection('staff')
        .add({ data: { _id: 'sf-left', openid: 'left-staff', name: '离职', storeId: 'st01', role: 'staff', active: false, codeVersion: 2 } })
      await db.collection('stores').add({ data: { _id: 'st-closed', name: '已关店', active: false, codeVersion: 1 } })
      const before = t.cloud.db.snapshot().checksum
      expect(await t.call('updateMember', event, openid)).toMatchObject({ ok: false, code })
      expect(t.cloud.db.snapshot().checksum).toBe(before)
    })
  })
})
