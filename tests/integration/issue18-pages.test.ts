import { contract, type FunctionName } from '../../src/contract'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/** Issue #18, the server side of the page items: what the pages need to show the right thing. */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})

/** Every ok answer satisfies its contract's output schema. */
async function ok<N extends FunctionName>(name: N, event: unknown, openid: string) {
  const data = expectOk(await t.call(name, event, openid))
  expect(contract[name].output.safeParse(data).success).toBe(true)
  return data
}
/** The local cloud's documented stand-in for WeChat's phone cloudID. */
const phoneCloudID = (phone: string) => `local-cloudid:${Buffer.from(JSON.stringify({ purePhoneNumber: phone, countryCode: '86' })).toString('base64url')}`

describe('#18.7 team and codes of any store for the brand manager', () => {
  it('#18.7 names the brand manager as such, and opens the team and code of a store just added', async () => {
    const st01 = await ok('teamList', {}, 'demo-manager')
    const her = st01.members.find((m) => m.staffId === 'mg01')
    expect(her?.brandWide).toBe(true)
    const added = await ok(
      'saveStore',
      { name: '新开店', city: '上海', address: '上海市新路1号', longitude: 121.4, latitude: 31.2, hours: '10:00-22:00', phone: '021-1234567' },
      'demo-manager'
    )
    expect(await ok('teamList', { storeId: added.storeId }, 'demo-manager')).toMatchObject({ members: [], flags: [] })
    expect((await ok('storeCode', { storeId: added.storeId }, 'demo-manager')).storeName).toBe('新开店')
    // a store manager keeps to her own store
    const store = await ok('teamList', {}, 'demo-store-manager')
    expect(store.members.every((m) => m.storeId === 'st02')).toBe(true)
    expect(store.members.find((m) => m.staffId === 'mg02')?.brandWide).toBe(false)
    expect((await t.call('teamList', { storeId: added.storeId }, 'demo-store-manager')).ok).toBe(false)
  }, 30_000) // drawing a QR image takes seconds on a busy machine

  it('#18.12 the session says which stores a manager may change (null: the whole brand)', async () => {
    expect((await ok('session', {}, 'demo-manager')).staff?.manages).toBeNull()
    expect((await ok('session', {}, 'demo-store-manager')).staff?.manages).toEqual(['st02'])
    expect((await ok('session', {}, 'demo-staff-1')).staff?.manages).toEqual(['st01'])
  })
})

describe('#18.11 phone at the till', () => {
  it('#18.11 a fan who bound a phone is found by it at 记录消费, and 我的 shows the phone bound after a reload', async () => {
    expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'fan-phone'))
    expect((await ok('session', {}, 'fan-phone')).fan?.phoneBound).toBe(false)
    await ok('bindPhone', { cloudID: phoneCloudID('13912345678') }, 'fan-phone')
    const session = await ok('session', {}, 'fan-phone')
    expect(session.fan?.phoneBound).toBe(true)

    const sale = await ok('recordSale', { phone: '13912345678', amountFen: 3600, requestId: 'p1' }, 'demo-staff-1')
    expect(sale).toMatchObject({ memberCode: session.fan!.memberCode, amountFen: 3600, created: true })
    expect(await t.count('sales', { fanId: 'fan-phone' })).toBe(1)
  })

  it('#18.11 an unknown phone finds nobody and writes nothing; a phone and a member code at once is refused', async () => {
    const before = await t.count('sales')
    const unknown = await t.call('recordSale', { phone: '13900000000', amountFen: 100, requestId: 'p2' }, 'demo-staff-1')
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const both = await t.call('recordSale', { phone: '13900000000', memberCode: 'ABCDEFGHJK', amountFen: 100, requestId: 'p3' }, 'demo-staff-1')
    expect(both).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const neither = await t.call('recordSale', { amountFen: 100, requestId: 'p4' }, 'demo-staff-1')
    expect(neither).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await t.count('sales')).toBe(before)
    expect(await t.count('counters')).toBe(0)
  })
})

describe('#18.14 #18.15 posters carry the brand', () => {
  it('#18.14 the store code and the staff code answer the brand name for their posters', async () => {
    expect((await ok('storeCode', { storeId: 'st01' }, 'demo-manager')).brandName).toBe('测试品牌')
    expect((await ok('staffCode', {}, 'demo-staff-1')).brandName).toBe('测试品牌')
  }, 30_000) // drawing two QR images takes seconds on a busy machine
})

describe('#18.17 the data export reads without a developer', () => {
  it('#18.17 myData carries a readable copy: Chinese labels, China-time dates, no epoch numbers or English kinds', async () => {
    expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'fan-export'))
    const data = await ok('myData', {}, 'fan-export')
    const readable = data.readable as Record<string, Record<string, unknown>>
    expect(readable).toBeDefined()
    const text = JSON.stringify(readable)
    expect(text).not.toMatch(/"[A-Za-z]+":/)
    expect(text).not.toMatch(/\d{13}/)
    expect(text).not.toMatch(/staff_code|first_capture/)
    expect(readable['粉丝档案']['成为粉丝的方式']).toBe('扫导购码')
    expect(readable['粉丝档案']['成为粉丝时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  })
})
