import fs from 'node:fs'
import path from 'node:path'
import { DAY_MS } from '../../src/domain/china-time'
import { memberCodeFor } from '../../src/domain/codes'
import { FUNCTION_NAMES } from '../../src/contract'
import { buildFunctions } from '../../scripts/build-functions'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'
import { WINBACK_TEMPLATE } from '../support/fixtures'

const ROOT = path.resolve(__dirname, '..', '..')
const cloudId = (data: object) => `local-cloudid:${Buffer.from(JSON.stringify(data)).toString('base64url')}`

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ serve: true })
})
afterEach(async () => {
  await t.stop()
})

describe('the real wx-server-sdk, pinned', () => {
  it('bundles, jest and the deployed package.json all name the version the lock installs', async () => {
    await buildFunctions()
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> }
    const locked = lock.packages['node_modules/wx-server-sdk']?.version
    expect(locked).toMatch(/^\d+\.\d+\.\d+$/)
    for (const name of FUNCTION_NAMES) {
      const dir = path.join(ROOT, 'cloudfunctions', name)
      const deployed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies['wx-server-sdk']
      expect(deployed).toBe(locked)
      // what `require('wx-server-sdk')` inside the bundle resolves to
      const resolved = require.resolve('wx-server-sdk/package.json', { paths: [dir] })
      expect(fs.realpathSync(resolved)).toBe(fs.realpathSync(path.join(ROOT, 'node_modules', 'wx-server-sdk', 'package.json')))
      expect(JSON.parse(fs.readFileSync(resolved, 'utf8')).version).toBe(locked)
    }
    // and functions loaded from source (jest) get the real package, not a stand-in
    const { cloud } = require('../../src/functions/_lib/cloud') as { cloud: { version?: string } }
    expect(cloud.version).toBe(locked)
    expect(fs.existsSync(path.join(ROOT, 'src', 'localcloud', 'sdk'))).toBe(false)
  }, 120_000)
})

describe('platform answers beneath the SDK', () => {
  it('gives each of many concurrent calls its own caller (getWXContext per invocation)', async () => {
    const openids = Array.from({ length: 30 }, (_, i) => `ctx-${i}`)
    for (const o of openids) expectOk(await t.call('checkin', { scene: t.scene('store', 'st01') }, o))
    const sessions = await Promise.all(openids.map((o) => t.call('session', {}, o)))
    sessions.forEach((s, i) => expect(expectOk(s).fan?.memberCode).toBe(memberCodeFor(openids[i])))
  })

  it('counts database requests per invocation and answers them at GET /dev/stats', async () => {
    expectOk(await t.http('checkin', { scene: t.scene('staff', 'sf01') }, 'stats-a'))
    expectOk(await t.http('checkin', { scene: t.scene('staff', 'sf01') }, 'stats-a'))
    const res = (await (await fetch(`${t.url}/dev/stats`)).json()) as {
      functions: Record<string, { calls: number; requests: number; last: number; max: number }>
    }
    const s = res.functions.checkin
    expect(s.calls).toBe(2)
    expect(s.last).toBeGreaterThan(0)
    expect(s.max).toBeGreaterThanOrEqual(s.last)
    expect(s.requests).toBeGreaterThanOrEqual(s.max + s.last)
    expect(res.functions.wallet).toBeUndefined()
  })

  it('binds a phone from the real getOpenData answer, and fails an expired cloudID as the platform does', async () => {
    expectOk(await t.call('checkin', { scene: t.scene('store', 'st01') }, 'phone-x'))
    const cloudID = cloudId({ phoneNumber: '13800000001', purePhoneNumber: '13800000001', countryCode: '86' })
    t.cloud.faults.openData = 'expired'
    expect(await t.call('bindPhone', { cloudID }, 'phone-x')).toMatchObject({ ok: false, code: 'INVALID_CODE' })
    expect(await t.count('fanPhones')).toBe(0)
    t.cloud.faults.openData = null
    expect(expectOk(await t.call('bindPhone', { cloudID }, 'phone-x'))).toEqual({ masked: '138****0001' })
    expect(await t.count('fanPhones', { fanId: 'phone-x' })).toBe(1)
  })
})

describe('function timeouts', () => {
  it('reads each function’s limit from its deploy settings', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'cloud', 'functions.json'), 'utf8'))
    expect(t.cloud.registry.timeoutOf('runWinBack')).toBe(settings.functions.runWinBack.timeout * 1000)
    expect(t.cloud.registry.timeoutOf('checkin')).toBe(settings.defaults.timeout * 1000)
    t.cloud.faults.timeouts = false
    expect(t.cloud.registry.timeoutOf('checkin')).toBeNull()
  })

  it('kills a call at its limit, answers TIMEOUT, and nothing it sends afterwards is written', async () => {
    t.cloud.faults.dbLatencyMs = 40
    t.cloud.faults.timeoutMs = 150
    const started = Date.now()
    const r = await t.http('checkin', { scene: t.scene('staff', 'sf01') }, 'slow-shopper')
    expect(r).toMatchObject({ ok: false, code: 'TIMEOUT' })
    expect(Date.now() - started).toBeLessThan(1500)
    t.cloud.faults.reset()
    await new Promise((resolve) => setTimeout(resolve, 300))
    // the killed call never got as far as the visit
    expect(await t.count('visits', { fanId: 'slow-shopper' })).toBe(0)
    expect(t.cloud.registry.stats.get('checkin')?.timeouts).toBe(1)
    // and the function works again once the platform is fast
    expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'slow-shopper'))
  })
})

describe('subscribe message refusals', () => {
  async function lapsedFanWithConsent(): Promise<void> {
    await t.cloud.db
      .api()
      .collection('couponTemplates')
      .add({ data: { ...WINBACK_TEMPLATE } })
    expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'lapsed'))
    expectOk(await t.call('recordSale', { memberCode: memberCodeFor('lapsed'), amountFen: 2000, requestId: 'buy-lapsed' }, 'demo-staff-1'))
    await t.cloud.db
      .api()
      .collection('fanPurchases')
      .doc('lapsed')
      .update({ data: { lastPurchaseAt: Date.now() - 61 * DAY_MS } })
    expect(expectOk(await t.call('subscribeWinBack', { accepted: true }, 'lapsed')).balance).toBe(1)
  }

  it.each([
    [43101, 0],
    [47003, 1],
    [40037, 1]
  ] as const)('refused with %i: the win-back run still issues the coupon, sends nothing, and keeps %i consent', async (code, balance) => {
    await lapsedFanWithConsent()
    t.cloud.faults.subscribe = code
    const run = expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    expect(run).toMatchObject({ lapsed: 1, issued: 1, messaged: 0 })
    expect(t.cloud.platform.outbox).toEqual([])
    expect((await t.cloud.db.api().collection('subscriptions').doc('lapsed.winBack').get()).data).toMatchObject({ balance })
  })

  it('sends it once the platform accepts again', async () => {
    await lapsedFanWithConsent()
    const run = expectOk(await t.call('runWinBack', {}, 'demo-manager'))
    expect(run).toMatchObject({ issued: 1, messaged: 1 })
    expect(t.cloud.platform.outbox).toEqual([expect.objectContaining({ kind: 'subscribeMessage', touser: 'lapsed', templateId: expect.any(String) })])
  })
})

describe('a write conflict that outlives the retries', () => {
  it('answers BUSY (the real SDK’s -501001 conflict), never INTERNAL, and leaves the counters alone', async () => {
    // What wx-server-sdk 3.0.4 rejects with when the server answers DATABASE_TRANSACTION_CONFLICT.
    const conflict = Object.assign(
      new Error(
        'document.update:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.'
      ),
      { errCode: -501001 }
    )
    ;(conflict as { errMsg?: string }).errMsg = conflict.message
    const { db } = require('../../src/functions/_lib/cloud') as { db: { runTransaction: (...a: unknown[]) => Promise<unknown> } }
    const spy = jest.spyOn(db, 'runTransaction').mockRejectedValue(conflict)
    try {
      const r = await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'contended')
      expect(r).toMatchObject({ ok: false, code: 'BUSY' })
    } finally {
      spy.mockRestore()
    }
    expect(await t.count('visits', { fanId: 'contended' })).toBe(0)
    expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, 'contended'))
  })

  it('50 concurrent check-ins through one store code, conflicts on: each ok or BUSY, counters equal to the fans', async () => {
    expect(t.cloud.faults.conflicts).toBe(true)
    await t.cloud.db
      .api()
      .collection('settings')
      .doc('brand')
      .update({ data: { limits: { checkinsPerStoreCodePerMinute: 5000 } } })
    const scene = t.scene('store', 'st03')
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.call('checkin', { scene }, `rush-${i}`)))
    const refused = results.filter((r) => !r.ok)
    expect(refused.filter((r) => !r.ok && r.code !== 'BUSY')).toEqual([])
    const fans = await t.count('fans', { firstStoreId: 'st03' })
    expect(fans).toBe(results.length - refused.length)
    const counters = (await t.cloud.db.api().collection('counters').where({ storeId: 'st03' }).get()).data
    expect(counters.reduce((n, c) => n + (c.newFans as number), 0)).toBe(fans)
    expect(counters.reduce((n, c) => n + (c.visits as number), 0)).toBe(await t.count('visits', { storeId: 'st03' }))
  })

  it('does not take a malformed update ("would create a conflict") for a transaction conflict', () => {
    const { isConflict, isDuplicateWrite } = require('../../src/functions/_lib/errors') as typeof import('../../src/functions/_lib/errors')
    const malformed = { errCode: -502001, errMsg: "document.update:fail -502001 database request fail. Updating the path 'a.b' would create a conflict at 'a'" }
    expect(isConflict(malformed)).toBe(false)
    expect(isConflict({ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. DATABASE_TRANSACTION_CONFLICT' })).toBe(true)
    expect(
      isDuplicateWrite({ errCode: -501001, errMsg: 'collection.add:fail -501001 resource system error. E11000 duplicate key error (DATABASE_DUPLICATE_WRITE)' })
    ).toBe(true)
  })
})
