import { parseScene } from '../../src/domain/scene'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'

/** Store management (journey 5, manager side) on the local cloud, seen through the shopper's functions too. */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.stop())

const BRAND = 'demo-manager'
const STORE_MANAGER = 'demo-store-manager' // st02 only
// Near 静安寺 (GCJ-02), ~150 m from st01: the nearby page's demo location is 121.4456, 31.2235.
const NEW_STORE = {
  name: '愚园路店',
  city: '上海',
  address: '上海市长宁区愚园路1088号',
  longitude: 121.4471,
  latitude: 31.2243,
  hours: '08:00-21:00',
  phone: '021-62990000'
}

const save = (event: Record<string, unknown>, openid = BRAND) => t.call('saveStore', event, openid)
const nearby = async (longitude: number, latitude: number) =>
  expectOk(await t.call('nearbyStores', { longitude, latitude, maxDistanceM: 2_000, pageSize: 20 }, 'shopper-near')).stores
const listed = async () => expectOk(await t.call('storeList', { city: '上海' }, 'shopper-list')).stores.map((s) => s.storeId)
const checksum = () => t.cloud.db.snapshot().checksum

describe('storeAdmin', () => {
  it('lists every store with coordinates for a brand manager, who may add stores', async () => {
    const res = expectOk(await t.call('storeAdmin', {}, BRAND))
    expect(res.canCreate).toBe(true)
    expect(res.stores.map((s) => s.storeId).sort()).toEqual(['st01', 'st02', 'st03', 'st04', 'st05', 'st06'])
    expect(res.stores.find((s) => s.storeId === 'st01')).toEqual({
      storeId: 'st01',
      name: '静安寺店',
      city: '上海',
      address: '上海市静安区南京西路1618号',
      hours: '10:00-22:00',
      phone: '021-62881618',
      longitude: 121.44562,
      latitude: 31.22347,
      active: true
    })
  })

  it('lists only a store manager’s own stores, and offers no adding', async () => {
    const res = expectOk(await t.call('storeAdmin', {}, STORE_MANAGER))
    expect(res.canCreate).toBe(false)
    expect(res.stores.map((s) => s.storeId)).toEqual(['st02'])
  })

  it('keeps a deactivated store in the list, after the live ones', async () => {
    expectOk(await save({ storeId: 'st01', active: false }))
    const res = expectOk(await t.call('storeAdmin', {}, BRAND))
    expect(res.stores).toHaveLength(6)
    expect(res.stores[5]).toMatchObject({ storeId: 'st01', active: false })
  })
})

describe('adding a store', () => {
  it('mints a short scene-safe id, starts it live at code version 1, and shoppers find it near its coordinates', async () => {
    const res = expectOk(await save(NEW_STORE))
    expect(res.created).toBe(true)
    expect(res.storeId).toMatch(/^[A-Za-z0-9_-]{1,12}$/)
    expect(res.store).toEqual({ storeId: res.storeId, ...NEW_STORE, active: true })
    const doc = (await t.cloud.db.api().collection('stores').where({ _id: res.storeId }).get()).data[0]
    expect(doc).toMatchObject({ active: true, codeVersion: 1 })

    const near = await nearby(NEW_STORE.longitude + 0.0003, NEW_STORE.latitude)
    expect(near[0]).toMatchObject({
      storeId: res.storeId,
      name: '愚园路店',
      phone: '021-62990000',
      longitude: NEW_STORE.longitude,
      latitude: NEW_STORE.latitude
    })
    expect(near[0].distanceM).toBeLessThan(50)
    expect(await listed()).toContain(res.storeId)
    expect(expectOk(await t.call('storeAdmin', {}, BRAND)).stores.map((s) => s.storeId)).toContain(res.storeId)
  })

  it('names every missing field in Chinese and writes nothing', async () => {
    const before = checksum()
    const res = await save({ name: '半成品店', longitude: 121.4, latitude: 31.2 })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(!res.ok && res.message).toBe('新增门店需要填写：城市、地址、营业时间、电话')
    expect(checksum()).toBe(before)
  })

  it.each([
    ['hours the open-now logic cannot read', { hours: '早上八点到晚上九点' }, /营业时间格式/],
    ['hours with a minute past 59', { hours: '08:00-21:75' }, /营业时间格式/],
    ['a phone with letters', { phone: '021-CALL-ME' }, /电话只能包含/],
    ['a store created closed', { active: false }, /新门店保存后即为营业状态/]
  ])('refuses %s without writing', async (_label, over, message) => {
    const before = checksum()
    const res = await save({ ...NEW_STORE, ...over })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(!res.ok && res.message).toMatch(message)
    expect(checksum()).toBe(before)
  })

  it('is for brand managers only: a store manager is refused even with every field', async () => {
    const before = checksum()
    expect(await save(NEW_STORE, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(checksum()).toBe(before)
  })

  it('needs no counters, templates or groups first: its store code checks a shopper in, with the welcome coupon', async () => {
    const { storeId } = expectOk(await save(NEW_STORE))
    const code = expectOk(await t.call('storeCode', { storeId }, BRAND))
    expect(parseScene(code.scene)).toMatchObject({ kind: 'store', id: storeId, version: 1 })
    const first = expectOk(await t.call('checkin', { scene: code.scene }, 'shopper-new-store'))
    expect(first).toMatchObject({ isNewFan: true, channel: 'store_code', visitCount: 1, group: null })
    expect(first.store).toMatchObject({ storeId, name: '愚园路店' })
    expect(first.couponsIssued).toHaveLength(1)
    const again = expectOk(await t.call('checkin', { scene: code.scene }, 'shopper-new-store'))
    expect(again).toMatchObject({ isNewFan: false, visitCount: 1 }) // same store, same day: one visit (#18.3)
    const overview = expectOk(await t.call('managerOverview', { storeId }, BRAND))
    expect(overview.stores).toEqual([{ storeId, name: '愚园路店', newFansToday: 1, visitsToday: 1, fans: 1 }])
    const kpi = expectOk(await t.call('kpiDashboard', { range: '7d', storeId }, BRAND))
    expect(kpi.totals).toMatchObject({ newFans: 1, visits: 1 })
  })
})

describe('editing a store', () => {
  it('changes only the fields given', async () => {
    const res = expectOk(await save({ storeId: 'st01', phone: '021-62880000' }))
    expect(res).toMatchObject({ storeId: 'st01', created: false })
    expect(res.store).toMatchObject({ name: '静安寺店', hours: '10:00-22:00', phone: '021-62880000', longitude: 121.44562, latitude: 31.22347, active: true })
    expect((await nearby(121.4456, 31.2235))[0]).toMatchObject({ storeId: 'st01', phone: '021-62880000' })
  })

  it('moves the store on the nearby page when its location changes', async () => {
    const { storeId } = expectOk(await save(NEW_STORE))
    // to 陆家嘴, 6 km east
    const moved = expectOk(await save({ storeId, longitude: 121.5021, latitude: 31.2397, address: '上海市浦东新区陆家嘴环路1000号' }))
    expect(moved.store).toMatchObject({ longitude: 121.5021, latitude: 31.2397, name: '愚园路店' })
    expect((await nearby(NEW_STORE.longitude, NEW_STORE.latitude)).map((s) => s.storeId)).not.toContain(storeId)
    const there = await nearby(121.5022, 31.2397)
    expect(there[0]).toMatchObject({ storeId, address: '上海市浦东新区陆家嘴环路1000号' })
    expect(there[0].distanceM).toBeLessThan(20)
  })

  it('deactivating hides the store from nearbyStores, storeList and check-in; reactivating brings it back', async () => {
    const scene = expectOk(await t.call('storeCode', { storeId: 'st01' }, BRAND)).scene
    expectOk(await save({ storeId: 'st01', active: false }))
    expect((await nearby(121.4456, 31.2235)).map((s) => s.storeId)).not.toContain('st01')
    expect(await listed()).not.toContain('st01')
    const byCity = expectOk(await t.call('nearbyStores', { city: '上海' }, 'shopper-city')).stores.map((s) => s.storeId)
    expect(byCity).not.toContain('st01')
    expect(await t.call('checkin', { scene }, 'shopper-closed')).toMatchObject({ ok: false, code: 'INVALID_CODE' })

    expectOk(await save({ storeId: 'st01', active: true }))
    expect((await nearby(121.4456, 31.2235))[0].storeId).toBe('st01')
    expect(await listed()).toContain('st01')
  })

  it('lets a store manager edit their own store, and only that', async () => {
    expect(expectOk(await save({ storeId: 'st02', hours: '09:00-21:30' }, STORE_MANAGER)).store.hours).toBe('09:00-21:30')
    const before = checksum()
    expect(await save({ storeId: 'st01', phone: '021-11112222' }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(checksum()).toBe(before)
  })

  it('leaves opening and closing a store to brand managers: a store manager may not switch their store off', async () => {
    const before = checksum()
    expect(await save({ storeId: 'st02', active: false }, STORE_MANAGER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(checksum()).toBe(before)
    expect(expectOk(await save({ storeId: 'st02', active: false })).store.active).toBe(false)
  })

  it.each([
    ['a longitude without a latitude', { longitude: 121.5 }, 'INVALID_INPUT', /经度和纬度需要一起填写/],
    ['unreadable hours', { hours: '10点-22点' }, 'INVALID_INPUT', /营业时间格式/],
    ['a bad phone', { phone: '+ - +' }, 'INVALID_INPUT', /电话只能包含/]
  ])('refuses %s and changes nothing', async (_label, over, code, message) => {
    const before = checksum()
    const res = await save({ storeId: 'st01', name: '改名了', ...over })
    expect(res).toMatchObject({ ok: false, code })
    expect(!res.ok && res.message).toMatch(message)
    expect(checksum()).toBe(before)
  })

  it('answers NOT_FOUND for a store that does not exist', async () => {
    expect(await save({ storeId: 'st99', phone: '021-1234' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('saving an unchanged form writes nothing and answers the store', async () => {
    const before = checksum()
    expect(expectOk(await save({ storeId: 'st03' })).store).toMatchObject({ storeId: 'st03', name: '徐家汇店' })
    expect(checksum()).toBe(before)
  })
})

describe('#18.20 a brand with more than 100 stores', () => {
  it('#18.20 storeList, managerOverview and groupCodes list every store, not the first 100', async () => {
    const base = (await t.cloud.db.api().collection('stores').doc('st01').get()).data as Record<string, unknown>
    const extra = Array.from({ length: 130 }, (_, i) => ({ ...base, _id: `sx${String(i).padStart(3, '0')}`, name: `扩展店${String(i).padStart(3, '0')}` }))
    for (const s of extra) await t.cloud.db.api().collection('stores').add({ data: s })
    const all = 6 + extra.length
    expect(expectOk(await t.call('storeList', {}, 'someone')).stores).toHaveLength(all)
    expect(expectOk(await t.call('managerOverview', {}, 'demo-manager')).stores).toHaveLength(all)
    expect(expectOk(await t.call('groupCodes', {}, 'demo-manager')).stores).toHaveLength(all)
  }, 60_000)
})
