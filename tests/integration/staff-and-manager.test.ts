import { memberCodeFor } from '../../src/domain/codes'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})

describe('roles come from the server, not the request', () => {
  it('session tells a shopper, a staff member and a manager apart by openid', async () => {
    expect(expectOk(await t.call('session', {}, 'someone')).role).toBe('shopper')
    expect(expectOk(await t.call('session', {}, 'demo-staff-1'))).toMatchObject({ role: 'staff', staff: { staffId: 'sf01', storeName: '静安寺店' } })
    expect(expectOk(await t.call('session', {}, 'demo-manager')).role).toBe('manager')
  })

  it('a shopper asking for a staff or manager function is refused', async () => {
    expect(await t.call('myFans', {}, 'someone')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('staffCode', {}, 'someone')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('managerOverview', {}, 'demo-staff-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a store manager sees only their store; asking for another is refused', async () => {
    const own = expectOk(await t.call('managerOverview', {}, 'demo-store-manager'))
    expect(own.stores.map((s) => s.storeId)).toEqual(['st02'])
    expect(await t.call('managerOverview', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(expectOk(await t.call('managerOverview', {}, 'demo-manager')).stores).toHaveLength(6)
  })
})

describe('staff pages', () => {
  it('my code is a signed scene that checks a shopper in to this staff member, with a PNG QR', async () => {
    const code = expectOk(await t.call('staffCode', {}, 'demo-staff-1'))
    expect(code.scene.length).toBeLessThanOrEqual(32)
    expect(code.path).toBe(`pages/checkin/index?scene=${encodeURIComponent(code.scene)}&via=share`)
    expect(code.qrUrl).toMatch(/\/files\/codes\/staff\/sf01-v1\.png$/)
    const r = expectOk(await t.call('checkin', { scene: code.scene }, 'shopper-1'))
    expect(r.ownerStaff?.staffId).toBe('sf01')
  })

  it('my fans lists my fans newest first, paged with nextBefore', async () => {
    const scene = t.scene('staff', 'sf01')
    for (let i = 0; i < 5; i++) {
      await t.call('checkin', { scene }, `fan-${i}`)
      await new Promise((r) => setTimeout(r, 3))
    }
    await t.call('checkin', { scene: t.scene('staff', 'sf02') }, 'other-staff-fan')
    const first = expectOk(await t.call('myFans', { limit: 3 }, 'demo-staff-1'))
    expect(first.total).toBe(5)
    expect(first.fans).toHaveLength(3)
    expect(first.fans[0].since).toBeGreaterThan(first.fans[2].since)
    const rest = expectOk(await t.call('myFans', { limit: 3, before: first.nextBefore as number }, 'demo-staff-1'))
    expect(rest.fans).toHaveLength(2)
    expect(rest.nextBefore).toBeNull()
    const all = [...first.fans, ...rest.fans].map((f) => f.memberCode)
    expect(new Set(all).size).toBe(5)
  })
})

describe('#18.25 paging my fans', () => {
  it('#18.25 my fans pages through a batch that shares one boundAt without skipping anyone', async () => {
    // a transfer hands fans over in one batch: one boundAt for all of them
    const at = Date.now() - 60_000
    const fan = (i: number, boundAt: number) => ({
      _id: `batch-fan-${String(i).padStart(3, '0')}`,
      memberCode: memberCodeFor(`batch-fan-${i}`),
      firstStoreId: 'st01',
      lastStoreId: 'st01',
      channel: 'staff_code',
      capturingStaffId: 'sf02',
      ownerStaffId: 'sf01',
      boundAt,
      createdAt: boundAt,
      lastVisitAt: boundAt,
      visits: 1
    })
    t.cloud.db.bulkInsert('fans', [
      ...Array.from({ length: 23 }, (_, i) => fan(i, at)),
      ...Array.from({ length: 4 }, (_, i) => fan(100 + i, at - 1000 * (i + 1)))
    ])
    const seen: string[] = []
    let cursor: string | null | undefined
    for (let pages = 0; cursor !== null && pages < 20; pages++) {
      const page = expectOk(await t.call('myFans', { limit: 5, ...(cursor ? { cursor } : {}) }, 'demo-staff-1'))
      seen.push(...page.fans.map((f) => f.memberCode))
      cursor = page.nextCursor
    }
    expect(seen).toHaveLength(27)
    expect(new Set(seen).size).toBe(27)
  })
})

describe('#18.26 lapsed bindings', () => {
  it("#18.26 a binding past validityDays is not the staff member's fan in my fans or the team counts, per the policy when they look", async () => {
    const day = 24 * 3600_000
    const fan = (id: string, lastVisitAt: number) => ({
      _id: id,
      memberCode: memberCodeFor(id),
      firstStoreId: 'st01',
      lastStoreId: 'st01',
      channel: 'staff_code',
      capturingStaffId: 'sf01',
      ownerStaffId: 'sf01',
      boundAt: Date.now() - 60 * day,
      createdAt: Date.now() - 60 * day,
      lastVisitAt,
      visits: 2
    })
    t.cloud.db.bulkInsert('fans', [fan('lapsed-fan', Date.now() - 40 * day), fan('recent-fan', Date.now() - 5 * day)])
    const setPolicy = async (validityDays: number | null) =>
      expectOk(
        await t.call(
          'setAttributionPolicy',
          { policy: { mode: 'first', protectionDays: null, windowDays: null, validityDays, newFansOnly: false } },
          'demo-manager'
        )
      )
    const seen = async () => {
      const mine = expectOk(await t.call('myFans', { limit: 50 }, 'demo-staff-1'))
      const team = expectOk(await t.call('teamList', { storeId: 'st01' }, 'demo-manager')).members.find((m) => m.staffId === 'sf01')?.fans
      return { total: mine.total, listed: mine.fans.map((f) => f.memberCode), team }
    }
    await setPolicy(30)
    expect(await seen()).toEqual({ total: 1, listed: [memberCodeFor('recent-fan')], team: 1 })
    await setPolicy(null)
    expect((await seen()).total).toBe(2)
    expect((await seen()).team).toBe(2)
  })
})

describe('attribution policy', () => {
  it('a brand manager changes the policy and the next scan follows it', async () => {
    await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'fan-x')
    const sameStoreOther = t.scene('staff', 'sf02')
    expect(expectOk(await t.call('checkin', { scene: sameStoreOther }, 'fan-x')).ownerStaff?.staffId).toBe('sf01')
    const policy = { mode: 'last' as const, protectionDays: null, windowDays: null, validityDays: null, newFansOnly: false }
    expect(expectOk(await t.call('setAttributionPolicy', { policy }, 'demo-manager')).policy.mode).toBe('last')
    const r = expectOk(await t.call('checkin', { scene: sameStoreOther }, 'fan-x'))
    expect(r.ownerStaff?.staffId).toBe('sf02')
    expect(await t.count('bindingEvents', { fanId: 'fan-x', from: 'sf01', to: 'sf02', reason: 'last_scan' })).toBe(1)
  })

  it("#18.10 setAttributionPolicy keeps the brand's rate limits and other settings", async () => {
    const settings = () => t.cloud.db.api().collection('settings').doc('brand').get()
    await t.cloud.db
      .api()
      .collection('settings')
      .doc('brand')
      .update({ data: { limits: { checkinsPerStoreCodePerMinute: 1200 }, posNote: 'kept' } })
    const policy = { mode: 'last' as const, protectionDays: null, windowDays: 30, validityDays: null, newFansOnly: false }
    expectOk(await t.call('setAttributionPolicy', { policy }, 'demo-manager'))
    const after = (await settings()).data as Record<string, unknown>
    expect(after).toMatchObject({ brandName: '测试品牌', policy, limits: { checkinsPerStoreCodePerMinute: 1200 }, posNote: 'kept' })
  })

  it('a store manager may not change the brand policy', async () => {
    const policy = { mode: 'last' as const, protectionDays: null, windowDays: null, validityDays: null, newFansOnly: false }
    expect(await t.call('setAttributionPolicy', { policy }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
