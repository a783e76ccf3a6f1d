import { DEFAULT_LIMITS } from '../../src/domain/abuse-limits'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ serve: true })
})
afterEach(async () => {
  await t.stop()
})

describe('checkin', () => {
  it('makes a new fan bound to the staff member, issues one welcome coupon and records a visit', async () => {
    const r = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'shopper-a'))
    expect(r).toMatchObject({ isNewFan: true, channel: 'staff_code', visitCount: 1, bindingChanged: true })
    expect(r.store.storeId).toBe('st01')
    expect(r.servingStaff?.name).toBe('王芳')
    expect(r.ownerStaff?.staffId).toBe('sf01')
    expect(r.couponsIssued).toHaveLength(1)
    expect(r.couponsIssued[0]).toMatchObject({ state: 'usable', title: '新粉专享 满30减10' })
    expect(await t.count('visits', { fanId: 'shopper-a' })).toBe(1)
    expect(await t.count('bindingEvents', { fanId: 'shopper-a', to: 'sf01', reason: 'first_capture' })).toBe(1)
  })

  it('welcomes a returning fan back with no second coupon (the same day: no second visit, see #18.3)', async () => {
    await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'shopper-a')
    const again = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'shopper-a'))
    expect(again).toMatchObject({ isNewFan: false, visitCount: 1, bindingChanged: false, couponsIssued: [] })
    expect(await t.count('coupons', { fanId: 'shopper-a' })).toBe(1)
  })

  it('#18.3 counts at most one visit per fan per store per China day; a repeat scan still welcomes back', async () => {
    let now = Date.UTC(2026, 10, 20, 2, 0, 0) // 10:00 China time
    jest.spyOn(Date, 'now').mockImplementation(() => now)
    try {
      const scene = t.scene('staff', 'sf01')
      const visits = async () => ({
        events: await t.count('visits', { fanId: 'reloader', storeId: 'st01' }),
        counted: (await t.cloud.db.api().collection('counters').where({ storeId: 'st01' }).get()).data.reduce((n, r) => n + Number(r.visits), 0)
      })
      expectOk(await t.call('checkin', { scene }, 'reloader'))
      for (let i = 0; i < 3; i++) {
        now += 60_000 // reloads over three minutes
        const again = expectOk(await t.call('checkin', { scene }, 'reloader'))
        expect(again).toMatchObject({ isNewFan: false, visitCount: 1, couponsIssued: [] })
        expect(again.store.storeId).toBe('st01')
      }
      expect(await visits()).toEqual({ events: 1, counted: 1 })
      // another store the same day is another visit
      expect(expectOk(await t.call('checkin', { scene: t.scene('store', 'st02') }, 'reloader')).visitCount).toBe(2)
      expect(await t.count('visits', { fanId: 'reloader', storeId: 'st02' })).toBe(1)
      // back at the first store after midnight China time (16:00 UTC) is a new day's visit
      now = Date.UTC(2026, 10, 20, 16, 0, 1)
      expect(expectOk(await t.call('checkin', { scene }, 'reloader')).visitCount).toBe(3)
      expect(await visits()).toEqual({ events: 2, counted: 2 })
    } finally {
      jest.restoreAllMocks()
    }
  })

  it('under 200 concurrent scans by one shopper leaves one fan, one welcome coupon, and one visit (one per fan, store and day)', async () => {
    const scene = t.scene('staff', 'sf01')
    const results = await Promise.all(Array.from({ length: 200 }, () => t.http('checkin', { scene }, 'shopper-burst')))
    const acknowledged = results.filter((r) => r.ok).length
    const refused = results.filter((r) => !r.ok)
    // Anything not acknowledged must be a documented "try again" answer (busy, or too many scans), never a crash.
    expect(refused.every((r) => !r.ok && (r.code === 'BUSY' || r.code === 'RATE_LIMITED'))).toBe(true)
    expect(acknowledged).toBeGreaterThan(0)
    // and no more visits than the per-shopper limit lets through in a minute
    expect(acknowledged).toBeLessThanOrEqual(DEFAULT_LIMITS.checkinsPerShopperPerMinute)
    expect(await t.count('fans', { _id: 'shopper-burst' })).toBe(1)
    expect(await t.count('coupons', { fanId: 'shopper-burst' })).toBe(1)
    expect(await t.count('visits', { fanId: 'shopper-burst' })).toBe(1)
    expect(results.filter((r) => r.ok && r.data.isNewFan)).toHaveLength(1)
  }, 30_000)

  it('#18.6 100 concurrent new fans through one staff code answer only ok, RATE_LIMITED or BUSY', async () => {
    const scene = t.scene('staff', 'sf01')
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? t.http : t.call)('checkin', { scene }, `crowd-${i}`)))
    const codes = results.map((r) => (r.ok ? 'ok' : r.code))
    expect(codes.filter((c) => !['ok', 'RATE_LIMITED', 'BUSY'].includes(c))).toEqual([])
    const ok = codes.filter((c) => c === 'ok').length
    expect(ok).toBeGreaterThan(0)
    // every acknowledged check-in is one fan and one visit, and nothing else was written for the others
    expect(await t.count('fans')).toBe(ok)
    expect(await t.count('visits')).toBe(ok)
  }, 60_000)

  it('1,000 distinct shoppers checking in concurrently leave 1,000 fans and matching counters', async () => {
    // 1,000 scans of one store code at once is over its per-minute limit; the subject here is uniqueness.
    await t.cloud.db
      .api()
      .collection('settings')
      .doc('brand')
      .update({ data: { limits: { checkinsPerStoreCodePerMinute: 5000 } } })
    const scene = t.scene('store', 'st02')
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => t.call('checkin', { scene }, `crowd-${i}`)))
    expect(results.filter((r) => !r.ok)).toEqual([])
    expect(await t.count('fans', { firstStoreId: 'st02' })).toBe(1000)
    const counters = (await t.cloud.db.api().collection('counters').where({ storeId: 'st02' }).get()).data
    expect(counters.reduce((n, c) => n + (c.newFans as number), 0)).toBe(1000)
  })

  it('refuses a forged staff code with INVALID_CODE and writes nothing', async () => {
    const before = t.cloud.db.snapshot()
    const good = t.scene('staff', 'sf01')
    const forged = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA')
    const r = await t.call('checkin', { scene: forged }, 'shopper-f')
    expect(r).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(t.cloud.db.snapshot()).toEqual(before)
  })

  it('refuses a revoked staff code (version bumped) and a deactivated staff member’s code', async () => {
    const old = t.scene('staff', 'sf01', 1)
    await t.cloud.db
      .api()
      .collection('staff')
      .doc('sf01')
      .update({ data: { codeVersion: 2 } })
    expect(await t.call('checkin', { scene: old }, 'shopper-r')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01', 2) }, 'shopper-r')).ownerStaff?.staffId).toBe('sf01')
    await t.cloud.db
      .api()
      .collection('staff')
      .doc('sf02')
      .update({ data: { active: false } })
    expect(await t.call('checkin', { scene: t.scene('staff', 'sf02') }, 'shopper-s')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
  })

  it('credits nothing when staff scan their own code', async () => {
    const r = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'demo-staff-1'))
    expect(r.servingStaff).toBeNull()
    expect(r.ownerStaff).toBeNull()
  })

  it('records a shared card as its own channel', async () => {
    const r = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf03'), via: 'share' }, 'shopper-card'))
    expect(r.channel).toBe('shared_card')
    expect(await t.count('visits', { fanId: 'shopper-card', channel: 'shared_card' })).toBe(1)
  })

  it('refuses a caller with no openid, and input that is not the contract’s', async () => {
    expect(await t.call('checkin', { scene: t.scene('store', 'st01') }, undefined)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(await t.call('checkin', { scene: { $ne: null } }, 'x')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await t.call('checkin', { scene: 'S.st01.1.abcdefghij', extra: 1 }, 'x')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})
