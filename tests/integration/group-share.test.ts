import { DAY_MS } from '../../src/domain/china-time'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'

/**
 * The group share on the dashboard and the groups page, against a hand count:
 *   st01 groups g1, g2; st02 group g3.
 *   fans of st01 (first check-in there): A joins g1 and g2, B joins g1, C never joins a st01 group
 *     (C later visits st02 and joins g3 there);
 *   fans of st02: D joins st01's g1 only, E joins g3.
 *   st01: fans A B C, members A B          → 2 / 3
 *   st02: fans D E, members E              → 1 / 2   (C is st01's fan, D joined elsewhere)
 *   brand: 3 / 5; st03 has no fans         → null
 */
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
  const db = t.cloud.db.api()
  for (const [id, storeId] of [
    ['g1', 'st01'],
    ['g2', 'st01'],
    ['g3', 'st02']
  ]) {
    await db
      .collection('groups')
      .add({ data: { _id: id, storeId, name: id, qrUrl: `/files/demo/${id}.png`, expiresAt: Date.now() + 5 * DAY_MS, capacity: 200, members: 0, full: false } })
  }
  const checkIn = (openid: string, staffId: string) => t.call('checkin', { scene: t.scene('staff', staffId) }, openid).then(expectOk)
  const join = (openid: string, groupId: string) => t.call('joinGroup', { groupId }, openid).then(expectOk)
  for (const fan of ['A', 'B', 'C']) await checkIn(fan, 'sf01')
  for (const fan of ['D', 'E']) await checkIn(fan, 'sf03')
  await checkIn('C', 'sf04')
  await join('A', 'g1')
  await join('A', 'g2')
  await join('A', 'g1') // a repeat tap
  await join('B', 'g1')
  await join('C', 'g3')
  await join('D', 'g1')
  await join('E', 'g3')
})
afterAll(async () => {
  await t.stop()
})

const dashboard = (openid: string, storeId?: string) => t.call('kpiDashboard', { range: '7d', ...(storeId ? { storeId } : {}) }, openid)
const share = async (openid: string, storeId?: string) => expectOk(await dashboard(openid, storeId)).groupShare

describe('group share: fans of the store who joined any of its groups', () => {
  it('per store on the dashboard: a fan in two groups counts once, a fan of another store not at all', async () => {
    expect(await share('demo-manager', 'st01')).toEqual({ members: 2, fans: 3, share: 0.6667 })
    expect(await share('demo-manager', 'st02')).toEqual({ members: 1, fans: 2, share: 0.5 })
  })

  it('brand-wide it is over every store in scope; a store without fans has no share (null, not 0)', async () => {
    expect(await share('demo-manager')).toEqual({ members: 3, fans: 5, share: 0.6 })
    expect(await share('demo-manager', 'st03')).toEqual({ members: 0, fans: 0, share: null })
  })

  it("counts a store's fans as the overview does (first check-in there)", async () => {
    const overview = expectOk(await t.call('managerOverview', {}, 'demo-manager')).stores
    for (const s of overview) expect((await share('demo-manager', s.storeId)).fans).toBe(s.fans)
  })

  it('the groups page shows the same figure, beside the join count that counts a fan per group', async () => {
    const page = expectOk(await t.call('groupCodes', { storeId: 'st01' }, 'demo-manager'))
    expect(page.groupShare).toEqual({ members: 2, fans: 3, share: 0.6667 })
    expect(page.members).toBe(4) // g1: A B D, g2: A
  })

  it("a store manager sees their own store's share, and is refused another store's", async () => {
    expect(await share('demo-store-manager')).toEqual({ members: 1, fans: 2, share: 0.5 })
    expect(expectOk(await t.call('groupCodes', {}, 'demo-store-manager')).groupShare).toEqual({ members: 1, fans: 2, share: 0.5 })
    expect(await dashboard('demo-store-manager', 'st01')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('groupCodes', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('moves with the next join of a fan of the store, and not with a join of an outsider', async () => {
    await t.call('joinGroup', { groupId: 'g2' }, 'D').then(expectOk)
    expect(await share('demo-manager', 'st01')).toEqual({ members: 2, fans: 3, share: 0.6667 })
    await t.call('joinGroup', { groupId: 'g2' }, 'C').then(expectOk)
    expect(await share('demo-manager', 'st01')).toEqual({ members: 3, fans: 3, share: 1 })
  })
  it('a manager of several stores gets their stores summed; the brand view counts every store, one without joins too', async () => {
    // so far: st01 3 / 3, st02 1 / 2; now a fan of st03, who joins nothing
    await t.call('checkin', { scene: t.scene('staff', 'sf05') }, 'F').then(expectOk)
    const db = t.cloud.db.api()
    await db.collection('staff').add({
      data: {
        _id: 'mg-share',
        openid: 'share-region-manager',
        name: '区域经理',
        storeId: 'st02',
        role: 'manager',
        managesStoreIds: ['st02', 'st03'],
        active: true,
        codeVersion: 1
      }
    })
    expect(await share('share-region-manager')).toEqual({ members: 1, fans: 3, share: 0.3333 })
    expect(await share('demo-manager')).toEqual({ members: 4, fans: 6, share: 0.6667 })
    expect(await dashboard('share-region-manager', 'st01')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
