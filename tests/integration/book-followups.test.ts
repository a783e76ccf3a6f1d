import { contract } from '../../src/contract'
import { chinaDayStart, DAY_MS } from '../../src/domain/china-time'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { fanOf, patch, setPurchases } from './book-support'

/**
 * Follow-ups through the functions: which fans come up at the China-day boundaries, the three actions
 * (a coupon within the template's rules, a reminder within consent, done with a note), and the manager's
 * count. Old states are written straight into the records (a lapse takes 30 days to happen).
 */
let t: TestCloud
const STAFF = 'demo-staff-1' // sf01, st01
const today = () => chinaDayStart(Date.now())
const codes: Record<string, string> = {}

const list = async (openid = STAFF) => {
  const rows = []
  let after: string | undefined
  do {
    const page = expectOk(await t.call('followUps', after ? { after } : {}, openid))
    contract.followUps.output.parse(page)
    rows.push(...page.rows)
    after = page.next ?? undefined
  } while (after)
  return rows
}
const reasonsOf = async (name: string) => (await list()).find((r) => r.memberCode === codes[name])?.reasons.map((r) => r.reason) ?? []

beforeAll(async () => {
  t = await startTestCloud()
  const db = t.cloud.db.api()
  await db.collection('couponTemplates').add({
    data: {
      _id: 'tpl-fu',
      title: '老友回店 满50减15',
      kind: 'amount_off',
      value: 1500,
      thresholdFen: 5000,
      validity: { type: 'days', days: 7 },
      stock: 2,
      issued: 0,
      perFanLimit: 1,
      trigger: 'manual',
      storeIds: null,
      paused: false
    }
  })
  await db.collection('couponTemplates').add({
    data: {
      _id: 'tpl-st02',
      title: '人民广场店专享',
      kind: 'gift',
      value: 0,
      thresholdFen: 0,
      validity: { type: 'days', days: 7 },
      stock: null,
      issued: 0,
      perFanLimit: 1,
      trigger: 'manual',
      storeIds: ['st02'],
      paused: false
    }
  })
  for (const name of ['lapsed30', 'almost30', 'lapsed60', 'newfan', 'newish', 'birthday', 'recent', 'expiring']) codes[name] = await fanOf(t, `fu-${name}`)
  // the welcome coupon would make everyone "coupon expiring" once it nears its end: push it far out, except for one fan
  await db
    .collection('coupons')
    .where({ templateId: 'tpl-welcome' })
    .update({ data: { validUntil: Date.now() + 60 * DAY_MS } })
  await db
    .collection('coupons')
    .where({ fanId: 'fu-expiring' })
    .update({ data: { validUntil: today() + 3 * DAY_MS + DAY_MS - 1 } })
  // the last millisecond of the China day 30 days back is 30 days ago; the first millisecond of 29 days back is not
  await setPurchases(t, 'fu-lapsed30', 1, today() - 29 * DAY_MS - 1)
  await setPurchases(t, 'fu-almost30', 1, today() - 29 * DAY_MS)
  await setPurchases(t, 'fu-lapsed60', 3, today() - 59 * DAY_MS - 1)
  await setPurchases(t, 'fu-recent', 1, Date.now())
  await setPurchases(t, 'fu-birthday', 1, Date.now())
  await setPurchases(t, 'fu-expiring', 1, Date.now())
  for (const id of ['lapsed30', 'almost30', 'lapsed60', 'recent', 'birthday', 'expiring'])
    await patch(t, 'fans', `fu-${id}`, { createdAt: today() - 90 * DAY_MS })
  await patch(t, 'fans', 'fu-newfan', { createdAt: today() - 6 * DAY_MS - 1 })
  await patch(t, 'fans', 'fu-newish', { createdAt: today() - 6 * DAY_MS })
  const month = new Date(Date.now() + 8 * 3600_000).getUTCMonth() + 1
  expectOk(await t.call('fanProfile', { birthMonth: month }, 'fu-birthday'))
})
afterAll(async () => {
  await t.stop()
})

describe("today's follow-ups", () => {
  it('lists each due fan once with its reasons, at the China-day boundaries', async () => {
    expect(await reasonsOf('lapsed30')).toEqual(['lapsed_30'])
    expect(await reasonsOf('almost30')).toEqual([])
    expect(await reasonsOf('lapsed60')).toEqual(['lapsed_60'])
    expect(await reasonsOf('newfan')).toEqual(['new_no_purchase'])
    expect(await reasonsOf('newish')).toEqual([])
    expect(await reasonsOf('birthday')).toEqual(['birthday'])
    expect(await reasonsOf('expiring')).toEqual(['coupon_expiring'])
    expect(await reasonsOf('recent')).toEqual([])
    expect((await list()).map((r) => r.memberCode).sort()).toEqual(['lapsed30', 'lapsed60', 'newfan', 'birthday', 'expiring'].map((n) => codes[n]).sort())
  })

  it("another staff member's list does not hold these fans", async () => {
    expect(await list('demo-staff-2')).toEqual([])
  })

  it('the book filters by "due" and by spend', async () => {
    const due = expectOk(await t.call('fanBook', { due: true }, STAFF))
    expect(due.rows.map((r) => r.memberCode).sort()).toEqual((await list()).map((r) => r.memberCode).sort())
    const big = expectOk(await t.call('fanBook', { minSpendFen: 9000 }, STAFF))
    expect(big.rows.map((r) => r.memberCode)).toEqual([codes.lapsed60])
  })
})

describe('follow-up actions', () => {
  it('issues a coupon within the template, closes the reason, and a repeat of the request issues nothing more', async () => {
    const first = expectOk(
      await t.call('followUpAction', { memberCode: codes.lapsed30, action: 'coupon', templateId: 'tpl-fu', requestId: 'fu-a1', note: '送了回店券' }, STAFF)
    )
    expect(first).toMatchObject({ closed: ['lapsed_30'], coupon: expect.objectContaining({ title: '老友回店 满50减15', state: 'usable' }) })
    const again = expectOk(await t.call('followUpAction', { memberCode: codes.lapsed30, action: 'coupon', templateId: 'tpl-fu', requestId: 'fu-a1' }, STAFF))
    expect(again.coupon?.couponId).toBe(first.coupon?.couponId)
    expect(await t.count('coupons', { fanId: 'fu-lapsed30', templateId: 'tpl-fu' })).toBe(1)
    expect(await reasonsOf('lapsed30')).toEqual([])
  })

  it("the fan page offers the templates a follow-up may use at the fan's store", async () => {
    const d = expectOk(await t.call('fanDetail', { memberCode: codes.newfan }, STAFF))
    expect(d.templates).toEqual([{ templateId: 'tpl-fu', title: '老友回店 满50减15' }])
  })

  it("refuses past the template's per-fan limit and its stock, and a template for another store", async () => {
    expect(await t.call('followUpAction', { memberCode: codes.lapsed30, action: 'coupon', templateId: 'tpl-fu', requestId: 'fu-a2' }, STAFF)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该顾客已达到此券的每人限领数量'
    })
    expectOk(await t.call('followUpAction', { memberCode: codes.lapsed60, action: 'coupon', templateId: 'tpl-fu', requestId: 'fu-a3' }, STAFF))
    // stock 2: the third fan finds it gone
    expect(await t.call('followUpAction', { memberCode: codes.newfan, action: 'coupon', templateId: 'tpl-fu', requestId: 'fu-a4' }, STAFF)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该券已发完（库存不足）'
    })
    expect(await t.call('followUpAction', { memberCode: codes.newfan, action: 'coupon', templateId: 'tpl-st02', requestId: 'fu-a5' }, STAFF)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await t.call('followUpAction', { memberCode: codes.newfan, action: 'coupon', templateId: 'tpl-welcome', requestId: 'fu-a6' }, STAFF)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await t.count('coupons', { templateId: 'tpl-fu' })).toBe(2)
    expect(expectOk(await t.call('fanDetail', { memberCode: codes.newfan }, STAFF)).templates).toEqual([])
    expect(await reasonsOf('newfan')).toEqual(['new_no_purchase'])
  })

  it('sends a reminder only while the fan has consent left, spending one each time', async () => {
    const before = t.cloud.platform.outbox.length
    expect(await t.call('followUpAction', { memberCode: codes.newfan, action: 'remind', requestId: 'fu-r1' }, STAFF)).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })
    expect(t.cloud.platform.outbox).toHaveLength(before)
    expectOk(await t.call('subscribeWinBack', { accepted: true }, 'fu-newfan'))
    expect(
      expectOk(await t.call('followUpAction', { memberCode: codes.newfan, action: 'remind', requestId: 'fu-r2', note: '新品上市，欢迎来尝' }, STAFF))
    ).toMatchObject({
      reminded: true,
      closed: ['new_no_purchase']
    })
    expect(t.cloud.platform.outbox.slice(before)).toEqual([expect.objectContaining({ kind: 'subscribeMessage', touser: 'fu-newfan' })])
    expect(expectOk(await t.call('subscribeWinBack', { accepted: false }, 'fu-newfan')).balance).toBe(0)
  })

  it('marks done with a note, shown on the fan page', async () => {
    expect(
      expectOk(await t.call('followUpAction', { memberCode: codes.birthday, action: 'done', note: '电话祝福过', requestId: 'fu-d1' }, STAFF)).closed
    ).toEqual(['birthday'])
    const d = expectOk(await t.call('fanDetail', { memberCode: codes.birthday }, STAFF))
    expect(d.followUps).toEqual([expect.objectContaining({ reason: 'birthday', action: 'done', note: '电话祝福过', by: '王芳' })])
    expect(d.due).toEqual([])
  })

  it("counts on the manager's stats, per staff member, and compares repurchase of followed-up fans", async () => {
    const stats = expectOk(await t.call('followUpStats', { storeId: 'st01' }, 'demo-manager'))
    expect(contract.followUpStats.output.parse(stats)).toBeTruthy()
    const sf01 = stats.staff.find((s) => s.staffId === 'sf01')!
    // done: lapsed30 (coupon), lapsed60 (coupon), newfan (reminder), birthday (done)
    expect(sf01).toMatchObject({ name: '王芳', done: 4, due: 1 })
    expect(stats.followedUp).toMatchObject({ fans: 4, repurchased: 0, rate: 0 })
    expect(stats.rest.fans).toBe(4)
    // lapsed60 buys again after the follow-up: counted as brought back
    await setPurchases(t, 'fu-lapsed60', 4, Date.now() + 1000)
    const after = expectOk(await t.call('followUpStats', { storeId: 'st01' }, 'demo-manager'))
    expect(after.followedUp).toMatchObject({ fans: 4, repurchased: 1, rate: 0.25 })
    expect(await t.call('followUpStats', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('with nothing due, an action is recorded once as a manual follow-up', async () => {
    expect(await reasonsOf('recent')).toEqual([])
    const before = await t.count('followUps', { staffId: 'sf01' })
    expect(expectOk(await t.call('followUpAction', { memberCode: codes.recent, action: 'done', note: '主动问候', requestId: 'fu-m1' }, STAFF)).closed).toEqual([
      'manual'
    ])
    expect(expectOk(await t.call('followUpAction', { memberCode: codes.recent, action: 'done', requestId: 'fu-m1' }, STAFF)).closed).toEqual([])
    expect(await t.count('followUps', { staffId: 'sf01' })).toBe(before + 1)
    const stats = expectOk(await t.call('followUpStats', { storeId: 'st01' }, 'demo-manager'))
    expect(stats.staff.find((s) => s.staffId === 'sf01')?.done).toBe(before + 1)
  })
})
