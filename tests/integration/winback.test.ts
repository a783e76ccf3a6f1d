import { DAY_MS } from '../../src/domain/china-time'
import { onePurchase, storeFan, WINBACK_TEMPLATE } from '../support/fixtures'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await api()
    .collection('couponTemplates')
    .add({ data: { ...WINBACK_TEMPLATE } })
})
afterEach(async () => {
  await t.stop()
})
const api = () => t.cloud.db.api()

/** A fan with one sale, its last purchase moved `daysAgo` into the past. */
async function buyer(openid: string, daysAgo: number): Promise<void> {
  expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, openid))
  const { memberCode } = expectOk(await t.call('session', {}, openid)).fan!
  expectOk(await t.call('recordSale', { memberCode, amountFen: 2000, requestId: `buy-${openid}-${daysAgo}` }, 'demo-staff-1'))
  await api()
    .collection('fanPurchases')
    .doc(openid)
    .update({ data: { lastPurchaseAt: Date.now() - daysAgo * DAY_MS } })
}
const winBackCoupons = () => t.count('coupons', { templateId: 'tpl-winback' })

describe('win-back', () => {
  it('issues once per lapse, reminds fans who accepted a message, and a second run issues nothing new', async () => {
    await buyer('lapsed', 61)
    await buyer('recent', 3)
    expect(expectOk(await t.call('subscribeWinBack', { accepted: true }, 'lapsed')).balance).toBe(1)

    const first = expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    expect(first).toMatchObject({ lapseDays: 60, templateId: 'tpl-winback', scanned: 1, lapsed: 1, issued: 1, alreadyIssued: 0, messaged: 1 })
    expect(t.cloud.platform.outbox).toEqual([expect.objectContaining({ kind: 'subscribeMessage', touser: 'lapsed', page: 'pages/wallet/index' })])
    expect(expectOk(await t.call('wallet', {}, 'lapsed')).usable.map((c) => c.title)).toContain('好久不见 10 元券')

    const second = expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    // incremental (#18.19): the fan's lapse was handled, so the next run does not even read them
    expect(second).toMatchObject({ scanned: 0, issued: 0, messaged: 0, complete: true })
    // the daily timer (no openid) runs the same way and finds nothing new either
    const timer = await t.call('runWinBack', { Type: 'Timer', TriggerName: 'winBackDaily', Time: new Date().toISOString() } as never)
    expect(timer).toMatchObject({ ok: true, data: { issued: 0, scanned: 0 } })
    expect(await winBackCoupons()).toBe(1)
    expect(t.cloud.platform.outbox).toHaveLength(1)
    expect(await t.count('winBackRuns')).toBe(3)
    expect(await t.count('winBackRuns', { trigger: 'timer' })).toBe(1)
  })

  it('issues again after the fan came back and lapsed again; no consent left means no message', async () => {
    await buyer('again', 70)
    expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    await buyer('again', 0) // came back and bought today
    // 65 days later they have lapsed again
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 65 * DAY_MS)
    const r = expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    jest.restoreAllMocks()
    expect(r).toMatchObject({ issued: 1, messaged: 0 })
    expect(await winBackCoupons()).toBe(2)
  })

  it('#18.18 a refused subscribe message is recorded for that fan, keeps their consent, and the run goes on', async () => {
    for (const id of ['wb-a', 'wb-b', 'wb-c']) {
      await buyer(id, 61)
      expectOk(await t.call('subscribeWinBack', { accepted: true }, id))
    }
    // the platform refuses one message, as WeChat does (e.g. 43101: the user refused the message)
    const platform = t.cloud.platform
    const record = platform.recordMessage.bind(platform)
    jest.spyOn(platform, 'recordMessage').mockImplementation((m) => {
      if (m.touser === 'wb-b') throw Object.assign(new Error('openapi.subscribeMessage.send:fail 43101 user refuse to accept the msg'), { errCode: 43101 })
      record(m)
    })
    const r = await t.call('runWinBack', {}, 'demo-manager')
    jest.restoreAllMocks()
    expect(r).toMatchObject({ ok: true, data: { lapsed: 3, issued: 3, messaged: 2 } })
    expect(r.ok && (r.data as Record<string, unknown>).failed).toBe(1)
    expect(await t.count('winBackRuns')).toBe(1)
    expect(platform.outbox.map((m) => m.touser).sort()).toEqual(['wb-a', 'wb-c'])
    const consent = async (id: string) => Number(((await api().collection('subscriptions').doc(`${id}.winBack`).get()).data as { balance: number }).balance)
    expect(await consent('wb-b')).toBe(1)
    expect(await consent('wb-a')).toBe(0)
    const summary = (await api().collection('fanPurchases').doc('wb-b').get()).data as Record<string, unknown>
    expect(summary.winBackError).toMatchObject({ message: expect.stringContaining('43101') })
  })

  it('pages through more fans than one get() returns', async () => {
    const old = Date.now() - 100 * DAY_MS
    for (let i = 0; i < 130; i++) {
      const id = `bulk-${String(i).padStart(3, '0')}`
      await api()
        .collection('fans')
        .add({ data: storeFan(id, old) })
      await api()
        .collection('fanPurchases')
        .add({ data: onePurchase(id, old) })
    }
    const r = expectOk(await t.call('runWinBack', { lapseDays: 30 }, 'demo-manager'))
    expect(r).toMatchObject({ scanned: 130, lapsed: 130, issued: 130 })
    expect(await winBackCoupons()).toBe(130)
  })

  it('#18.19 win-back resumes where a cut-short run stopped, and a later run reads only fans newly lapsed', async () => {
    const lapsedFan = (id: string, lastPurchaseAt: number) => [storeFan(id, lastPurchaseAt), onePurchase(id, lastPurchaseAt)] as const
    const many = Array.from({ length: 150 }, (_, i) => lapsedFan(`resume-${String(i).padStart(3, '0')}`, Date.now() - 90 * DAY_MS))
    t.cloud.db.bulkInsert(
      'fans',
      many.map(([f]) => ({ ...f }))
    )
    t.cloud.db.bulkInsert(
      'fanPurchases',
      many.map(([, p]) => ({ ...p }))
    )
    // a run that runs out of time (a tiny budget here; 60 s on the cloud) stops and says so
    process.env.FANLOOP_WINBACK_BUDGET_MS = '1'
    const runs: Array<Record<string, unknown>> = []
    try {
      for (let i = 0; i < 200; i++) {
        const r = expectOk(await t.call('runWinBack', {}, 'demo-manager')) as Record<string, unknown>
        runs.push(r)
        if (r.complete === true) break
      }
    } finally {
      delete process.env.FANLOOP_WINBACK_BUDGET_MS
    }
    expect(runs.length).toBeGreaterThan(1)
    expect(runs.slice(0, -1).every((r) => r.complete === false)).toBe(true)
    expect(runs.reduce((n, r) => n + Number(r.issued), 0)).toBe(150)
    expect(runs.reduce((n, r) => n + Number(r.scanned), 0)).toBe(150) // nobody read twice
    expect(await winBackCoupons()).toBe(150)
    expect(await t.count('winBackRuns')).toBe(runs.length)
    // the next day: only the fans whose lapse began since the last complete run are read
    const tomorrow = Date.now() + DAY_MS
    const [f, p] = lapsedFan('newly-lapsed', tomorrow - 60.5 * DAY_MS)
    t.cloud.db.bulkInsert('fans', [{ ...f }])
    t.cloud.db.bulkInsert('fanPurchases', [{ ...p }])
    jest.spyOn(Date, 'now').mockReturnValue(tomorrow)
    try {
      expect(expectOk(await t.call('runWinBack', {}, 'demo-manager'))).toMatchObject({ scanned: 1, issued: 1, complete: true })
    } finally {
      jest.restoreAllMocks()
    }
  })

  it('dry runs write nothing; the lapse setting sticks for the timer; only brand managers may run it', async () => {
    await buyer('dry', 40)
    const before = t.cloud.db.snapshot()
    expect(expectOk(await t.call('runWinBack', { dryRun: true, lapseDays: 30 }, 'demo-manager'))).toMatchObject({ runId: null, lapsed: 1, issued: 0 })
    expect(t.cloud.db.snapshot()).toEqual(before)
    expect(expectOk(await t.call('runWinBack', {}, 'demo-manager'))).toMatchObject({ lapseDays: 60, lapsed: 0 })
    expectOk(await t.call('runWinBack', { lapseDays: 30 }, 'demo-manager'))
    const timer = await t.call('runWinBack', { Type: 'timer', TriggerName: 'winBackDaily', Time: '' } as never)
    expect(timer).toMatchObject({ ok: true, data: { lapseDays: 30, scanned: 0 } })
    expect(await t.call('runWinBack', {}, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // a shopper cannot pass for the timer: their call has an openid
    expect(await t.call('runWinBack', { Type: 'Timer', TriggerName: 'x', Time: '' } as never, 'dry')).toMatchObject({ ok: false })
  })
})
