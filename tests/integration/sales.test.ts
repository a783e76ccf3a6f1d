import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(async () => {
  await t.stop()
})
const api = () => t.cloud.db.api()

/** A new fan of sf01 at st01; answers their member code. */
async function fan(openid: string): Promise<string> {
  expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, openid))
  const s = expectOk(await t.call('session', {}, openid))
  return s.fan!.memberCode
}
/** A day's counter row: its shard documents summed (a busy row is several documents, #20). */
const summed = (rows: Array<Record<string, unknown>>): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = (out[k] ?? 0) + v
  return out
}
const counters = async (staffId: string) => summed((await api().collection('counters').where({ storeId: 'st01', staffId }).get()).data)

describe('staff record a sale by member code', () => {
  it('records the first purchase and then a repurchase, credited to owner and serving staff, once per request', async () => {
    const code = await fan('fan-a')
    const first = expectOk(await t.call('recordSale', { memberCode: code.toLowerCase(), amountFen: 3800, requestId: 'r1' }, 'demo-staff-2'))
    expect(first).toMatchObject({ memberCode: code, amountFen: 3800, repurchase: false, created: true })
    const again = expectOk(await t.call('recordSale', { memberCode: code, amountFen: 3800, requestId: 'r1' }, 'demo-staff-2'))
    expect(again).toMatchObject({ saleId: first.saleId, created: false, repurchase: false })
    const second = expectOk(await t.call('recordSale', { memberCode: code, amountFen: 5000, requestId: 'r2' }, 'demo-staff-2'))
    expect(second).toMatchObject({ repurchase: true, created: true })

    const sales = (await api().collection('sales').where({ fanId: 'fan-a' }).get()).data
    expect(sales).toHaveLength(2)
    // get() without orderBy has no defined order: pick the first request's sale by its key
    expect(sales.find((x) => x.idempotencyKey === 'sf02:r1')).toMatchObject({
      storeId: 'st01',
      ownerStaffId: 'sf01',
      servingStaffId: 'sf02',
      source: 'staff',
      amountFen: 3800
    })
    expect(await counters('sf02')).toMatchObject({ sales: 2, salesFen: 8800, firstPurchases: 1, repurchases: 1, repurchaseFen: 5000 })

    const history = expectOk(await t.call('purchaseHistory', {}, 'fan-a'))
    expect(history.purchases).toBe(2)
    expect(history.rows.map((r) => [r.amountFen, r.repurchase, r.storeName])).toEqual([
      [5000, true, '静安寺店'],
      [3800, false, '静安寺店']
    ])
    expect(expectOk(await t.call('purchaseHistory', {}, 'someone-else')).rows).toEqual([])
  })

  it('decides first vs repurchase race-free: five concurrent sales of one fan make one first purchase', async () => {
    const code = await fan('fan-b')
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => t.call('recordSale', { memberCode: code, amountFen: 1000 * i, requestId: `c${i}` }, 'demo-staff-1'))
    )
    const ok = results.map(expectOk)
    expect(ok.filter((r) => !r.repurchase)).toHaveLength(1)
    expect(await counters('sf01')).toMatchObject({ sales: 5, firstPurchases: 1, repurchases: 4 })
  })

  it('counts coupon sales written before (the redemption path) when deciding repurchase', async () => {
    const code = await fan('fan-c')
    const wallet = expectOk(await t.call('wallet', {}, 'fan-c'))
    expectOk(await t.call('redeemCoupon', { code: wallet.usable[0].code, amountFen: 4000 }, 'demo-staff-1'))
    const r = expectOk(await t.call('recordSale', { memberCode: code, amountFen: 3000, requestId: 'after-coupon' }, 'demo-staff-1'))
    expect(r.repurchase).toBe(true)
  })

  it('refuses shoppers, unknown codes and non-positive amounts, writing nothing', async () => {
    const code = await fan('fan-d')
    const before = t.cloud.db.snapshot()
    expect(await t.call('recordSale', { memberCode: code, amountFen: 100, requestId: 'x' }, 'fan-d')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await t.call('recordSale', { memberCode: 'ZZZZZZZZZZ', amountFen: 100, requestId: 'x' }, 'demo-staff-1')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(await t.call('recordSale', { memberCode: code, amountFen: -100, requestId: 'x' }, 'demo-staff-1')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT'
    })
    expect(await t.call('recordSale', { memberCode: code, amountFen: 0, requestId: 'x' }, 'demo-staff-1')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(t.cloud.db.snapshot()).toEqual(before)
  })
})

describe('repurchase figures', () => {
  it('change with each sale, per brand and per store, within the manager scope', async () => {
    const code = await fan('fan-e')
    const empty = expectOk(await t.call('repurchaseStats', {}, 'demo-manager'))
    expect(empty).toMatchObject({ fans: 0, sales: 0, repurchaseRate: null })
    expectOk(await t.call('recordSale', { memberCode: code, amountFen: 1000, requestId: 'a' }, 'demo-staff-1'))
    expectOk(await t.call('recordSale', { memberCode: code, amountFen: 2500, requestId: 'b' }, 'demo-staff-2'))
    const stats = expectOk(await t.call('repurchaseStats', { storeId: 'st01', cohort: 'week' }, 'demo-manager'))
    expect(stats).toMatchObject({
      fans: 1,
      repurchasers: 1,
      sales: 2,
      salesFen: 3500,
      repurchases: 1,
      repurchaseFen: 2500,
      repurchaseRate: 1,
      medianDaysToSecond: 0
    })
    expect(stats.cohorts).toEqual([expect.objectContaining({ fans: 1, repurchased: 1, rate30: null })])
    expect(stats.staff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ staffId: 'sf01', role: 'owner', sales: 2, repurchases: 1, repurchaseFen: 2500 }),
        expect.objectContaining({ staffId: 'sf02', role: 'serving', sales: 1, repurchases: 1 })
      ])
    )
    expect(await t.call('repurchaseStats', { storeId: 'st01' }, 'demo-store-manager')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(expectOk(await t.call('repurchaseStats', {}, 'demo-store-manager')).sales).toBe(0) // st02 only
    expect(await t.call('repurchaseStats', {}, 'demo-staff-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('#18.28 undoing a first purchase', () => {
  it('#18.28 undoing a coupon sale that was the first purchase makes the later sale the first purchase everywhere', async () => {
    const openid = 'undo-first'
    const checkin = expectOk(await t.call('checkin', { scene: t.scene('staff', 'sf01') }, openid))
    const { memberCode } = expectOk(await t.call('session', {}, openid)).fan!
    const redeemed = expectOk(await t.call('redeemCoupon', { code: checkin.couponsIssued[0].code, amountFen: 3000 }, 'demo-staff-1'))
    expect(expectOk(await t.call('recordSale', { memberCode, amountFen: 4500, requestId: 'after-coupon' }, 'demo-staff-2')).repurchase).toBe(true)
    expectOk(await t.call('undoRedemption', { redemptionId: redeemed.redemptionId }, 'demo-staff-1'))

    const today = expectOk(await t.call('kpiDashboard', { range: 'today' }, 'demo-manager')).totals
    expect(today).toMatchObject({ sales: 1, salesFen: 4500, firstPurchases: 1, repurchases: 0, repurchaseFen: 0 })
    const summary = (await api().collection('fanPurchases').doc(openid).get()).data as Record<string, unknown>
    expect(summary).toMatchObject({ purchases: 1, firstStoreId: 'st01' })
    expect(summary.firstPurchaseAt).toEqual(expect.any(Number))
    // and every figure equals a recount of the remaining sales
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    expect(expectOk(await t.call('rebuildCounters', { from: day, to: day, dryRun: true }, 'demo-manager')).rowsDrifted).toBe(0)
    // a later sale is a repurchase again
    expect(expectOk(await t.call('recordSale', { memberCode, amountFen: 1000, requestId: 'third' }, 'demo-staff-2')).repurchase).toBe(true)
  })
})

describe('#18.27 rebuilding one store', () => {
  it("#18.27 a store rebuild counts the fan's earlier sale at another store the same day", async () => {
    const code = await fan('two-stores')
    // first purchase at st02 (张伟), then a repurchase at st01 (李娜), the same day
    expect(expectOk(await t.call('recordSale', { memberCode: code, amountFen: 2000, requestId: 'at-st02' }, 'demo-staff-3')).repurchase).toBe(false)
    expect(expectOk(await t.call('recordSale', { memberCode: code, amountFen: 3000, requestId: 'at-st01' }, 'demo-staff-2')).repurchase).toBe(true)
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    for (const storeId of ['st01', 'st02', undefined]) {
      const r = expectOk(await t.call('rebuildCounters', { from: day, to: day, dryRun: true, ...(storeId ? { storeId } : {}) }, 'demo-manager'))
      expect([storeId, r.rowsDrifted, r.drift.filter((f) => f.rows > 0)]).toEqual([storeId, 0, []])
    }
  })
})

describe('#18.20 repurchase figures over many sales', () => {
  it('#18.20 repurchase figures read every sale, not the oldest 20,000', async () => {
    const at0 = Date.now() - 30 * 24 * 3600_000
    const sales = Array.from({ length: 25_000 }, (_, i) => ({
      _id: `bulk-sale-${String(i).padStart(5, '0')}`,
      fanId: `bulk-fan-${i % 10_000}`,
      storeId: 'st01',
      amountFen: 100,
      at: at0 + i * 60_000,
      dayKey: '2026-01-01',
      ownerStaffId: null,
      servingStaffId: null,
      source: 'staff',
      idempotencyKey: `bulk-${i}`
    }))
    t.cloud.db.bulkInsert('sales', sales)
    const r = expectOk(await t.call('repurchaseStats', {}, 'demo-manager'))
    expect(r).toMatchObject({ sales: 25_000, fans: 10_000, repurchases: 15_000, truncated: false })
  }, 120_000)
})
