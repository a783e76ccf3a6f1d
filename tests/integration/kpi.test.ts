import { TALLY_FIELDS } from '../../src/domain/kpi-tally'
import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { buildHistory, NOON_12TH, setClock } from './kpi-history'

let t: TestCloud
const RANGE = { range: 'custom', from: '2026-11-10', to: '2026-11-11' } as const
const channels = (c: Partial<Record<'store_code' | 'staff_code' | 'shared_card' | 'group', number>>) => ({
  store_code: 0,
  staff_code: 0,
  shared_card: 0,
  group: 0,
  ...c
})

beforeAll(async () => {
  t = await startTestCloud()
  await buildHistory(t)
  setClock(NOON_12TH)
})
afterAll(async () => {
  jest.useRealTimers()
  await t.stop()
})

const brand = (input: Record<string, unknown> = RANGE) => t.call('kpiDashboard', input, 'demo-manager').then(expectOk)
const rebuild = (input: Record<string, unknown>) => t.call('rebuildCounters', input, 'demo-manager').then(expectOk)

describe('KPI figures come from the counters, not the event log', () => {
  it('cover every figure a counter row keeps (a new counter field must be added to TALLY_FIELDS too)', () => {
    // Loaded once the local cloud is bound: the module reads the database handle when it loads.
    const { COUNTER_FIELDS } = require('../../src/functions/_lib/counters') as typeof import('../../src/functions/_lib/counters')
    expect(TALLY_FIELDS).toEqual(expect.arrayContaining([...COUNTER_FIELDS]))
  })

  it('before a rebuild, sales written only to the log are not seen; check-ins are, on their China day', async () => {
    const d = await brand()
    expect(d.totals).toMatchObject({ newFans: 3, visits: 4, couponsIssued: 3, couponsRedeemed: 0, sales: 0, salesFen: 0 })
    expect(d.daily.map((x) => [x.dayKey, x.newFans, x.visits])).toEqual([
      ['2026-11-10', 1, 1],
      ['2026-11-11', 2, 3]
    ])
  })
})

describe('rebuildCounters', () => {
  it('reports the drift per field without writing on a dry run', async () => {
    const r = await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })
    expect(r).toMatchObject({
      dryRun: true,
      rowsDrifted: 5,
      rowsWritten: 0,
      events: { fans: 3, visits: 4, coupons: 3, redemptions: 2, sales: 4, groupJoins: 0 }
    })
    const rows = Object.fromEntries(r.drift.map((f) => [f.field, f.rows]))
    expect(rows).toMatchObject({
      newFans: 0,
      visits: 0,
      couponsIssued: 0,
      groupJoins: 0,
      couponsRedeemed: 1,
      sales: 4,
      salesFen: 4,
      firstPurchases: 3,
      repurchases: 1,
      repurchaseFen: 1
    })
    expect(r.drift.find((f) => f.field === 'salesFen')).toEqual({ field: 'salesFen', rows: 4, stored: 0, counted: 11000 })
    expect((await brand()).totals.sales).toBe(0)
  })

  it('rewrites the drifted rows, after which counters equal events (drift 0)', async () => {
    expect(await rebuild({ from: RANGE.from, to: RANGE.to })).toMatchObject({ rowsDrifted: 5, rowsWritten: 5 })
    const again = await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })
    expect(again.rowsDrifted).toBe(0)
    expect(again.drift.every((f) => f.rows === 0 && f.stored === f.counted)).toBe(true)
  })

  it('finds and fixes a deliberately corrupted counter, and the dashboard follows', async () => {
    await brand() // rollups of the closed days now exist
    await t.cloud.db
      .api()
      .collection('counters')
      .doc('2026-11-11.st01.sf01')
      .update({ data: { visits: 7 } })
    const found = await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })
    expect(found.samples).toEqual([{ rowId: '2026-11-11.st01.sf01', field: 'visits', stored: 7, counted: 1 }])
    expect(await rebuild({ from: RANGE.from, to: RANGE.to })).toMatchObject({ rowsWritten: 1 })
    expect((await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })).rowsDrifted).toBe(0)
    expect((await brand()).totals.visits).toBe(4)
  })

  it('will not rewrite today, whose rows still move with each event', async () => {
    expect(await t.call('rebuildCounters', { from: '2026-11-12', to: '2026-11-12' }, 'demo-manager')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect((await rebuild({ from: '2026-11-12', to: '2026-11-12', dryRun: true })).rowsDrifted).toBe(0)
  })
})

describe('kpiDashboard on the hand-built history', () => {
  it('equals the hand count for the brand, day by day across China midnight', async () => {
    const d = await brand()
    expect(d.range).toEqual({ from: '2026-11-10', to: '2026-11-11', days: 2 })
    expect(d.totals).toEqual({
      newFans: 3,
      visits: 4,
      groupJoins: 0,
      couponsIssued: 3,
      couponsRedeemed: 1,
      sales: 4,
      salesFen: 11000,
      firstPurchases: 3,
      repurchases: 1,
      repurchaseFen: 4500,
      byChannel: channels({ store_code: 1, staff_code: 1, shared_card: 1 }),
      repurchaseRate: 0.25
    })
    expect(d.daily[0]).toMatchObject({
      dayKey: '2026-11-10',
      newFans: 1,
      visits: 1,
      couponsIssued: 1,
      sales: 1,
      salesFen: 3000,
      firstPurchases: 1,
      byChannel: channels({ staff_code: 1 })
    })
    expect(d.daily[1]).toMatchObject({
      dayKey: '2026-11-11',
      newFans: 2,
      visits: 3,
      couponsRedeemed: 1,
      sales: 3,
      salesFen: 8000,
      firstPurchases: 2,
      repurchases: 1,
      repurchaseFen: 4500
    })
    expect(d.funnel.map((s) => [s.step, s.count, s.conversion])).toEqual([
      ['visit', 4, null],
      ['fan', 3, 0.75],
      ['firstPurchase', 3, 1],
      ['repurchase', 1, 0.3333]
    ])
  })

  it('ranks staff by the column asked for', async () => {
    const byFans = (await brand()).leaderboard
    expect(byFans.staffCount).toBe(4)
    expect(
      byFans.rows.map((r) => [r.rank, r.staffId, r.name, r.storeName, r.newFans, r.visits, r.couponsRedeemed, r.sales, r.salesFen, r.repurchaseRate])
    ).toEqual([
      [1, 'sf01', '王芳', '静安寺店', 1, 2, 0, 1, 3000, 0],
      [1, 'sf03', '张伟', '人民广场店', 1, 1, 0, 1, 2000, 0],
      [3, 'sf02', '李娜', '静安寺店', 0, 0, 0, 1, 4500, 1],
      [3, 'sf04', '刘洋', '人民广场店', 0, 0, 1, 0, 0, null]
    ])
    const bySales = await brand({ ...RANGE, sort: 'salesFen', limit: 2 })
    expect(bySales.leaderboard.rows.map((r) => r.staffId)).toEqual(['sf02', 'sf01'])
  })

  it('today and 7 days add the live rows of today to the closed days', async () => {
    expect((await brand({ range: 'today' })).totals).toMatchObject({ visits: 1, newFans: 0 })
    const week = await brand({ range: '7d' })
    expect(week.range).toEqual({ from: '2026-11-06', to: '2026-11-12', days: 7 })
    expect(week.totals).toMatchObject({ visits: 5, newFans: 3, salesFen: 11000 })
  })

  it("a store manager sees only their store, with the same figures as the brand view's share", async () => {
    const d = expectOk(await t.call('kpiDashboard', RANGE, 'demo-store-manager'))
    expect(d.stores).toEqual([{ storeId: 'st02', name: '人民广场店' }])
    expect(d.totals).toMatchObject({
      newFans: 1,
      visits: 1,
      couponsIssued: 1,
      couponsRedeemed: 1,
      sales: 1,
      salesFen: 2000,
      firstPurchases: 1,
      byChannel: channels({ shared_card: 1 })
    })
    expect(d.leaderboard.rows.map((r) => r.staffId)).toEqual(['sf03', 'sf04'])
    const same = await brand({ ...RANGE, storeId: 'st02' })
    expect(same.totals).toEqual(d.totals)
  })

  it('names a staff member whose home store is now outside the view, under the store their figures are from', async () => {
    // Their record is not among the store's people the dashboard reads with the store: it is read by id.
    const staff = t.cloud.db.api().collection('staff')
    await staff.doc('sf03').update({ data: { storeId: 'st01' } })
    try {
      const d = expectOk(await t.call('kpiDashboard', RANGE, 'demo-store-manager'))
      expect(d.leaderboard.rows.map((r) => [r.staffId, r.name, r.storeId, r.storeName])).toEqual([
        ['sf03', '张伟', 'st02', '人民广场店'],
        ['sf04', '刘洋', 'st02', '人民广场店']
      ])
    } finally {
      await staff.doc('sf03').update({ data: { storeId: 'st02' } })
    }
  })

  it('a manager of many stores over a long range reads their part of the rollups', async () => {
    // 5 stores × 92 days is past the direct-read threshold: this goes through the rollups, projected to these stores.
    const stores = ['st02', 'st03', 'st04', 'st05', 'st06']
    await t.cloud.db
      .api()
      .collection('staff')
      .add({
        data: {
          _id: 'mg03',
          openid: 'kpi-region-manager',
          name: '区域经理',
          storeId: 'st02',
          role: 'manager',
          managesStoreIds: stores,
          active: true,
          codeVersion: 1
        }
      })
    const d = expectOk(await t.call('kpiDashboard', { range: 'custom', from: '2026-08-13', to: '2026-11-12' }, 'kpi-region-manager'))
    expect(d.range.days).toBe(92)
    expect(d.stores.map((s) => s.storeId).sort()).toEqual(stores)
    expect(d.totals).toMatchObject({ newFans: 1, visits: 1, couponsIssued: 1, couponsRedeemed: 1, sales: 1, salesFen: 2000, firstPurchases: 1 })
    expect(d.daily.find((x) => x.dayKey === '2026-11-11')).toMatchObject({ newFans: 1, salesFen: 2000 })
    expect(d.leaderboard.rows.map((r) => r.staffId)).toEqual(['sf03', 'sf04'])
  })

  it('refuses a custom range over 92 days', async () => {
    expect(await t.call('kpiDashboard', { range: 'custom', from: '2026-08-01', to: '2026-11-11' }, 'demo-manager')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT'
    })
  })
})

describe('staffKpi', () => {
  it('gives a staff member their own figures and rank in their store', async () => {
    const me = expectOk(await t.call('staffKpi', RANGE, 'demo-staff-1'))
    expect(me.staff).toEqual({ staffId: 'sf01', name: '王芳', storeId: 'st01', storeName: '静安寺店' })
    expect(me.totals).toMatchObject({ newFans: 1, visits: 2, sales: 1, salesFen: 3000, firstPurchases: 1, repurchases: 0, repurchaseRate: 0 })
    expect(me.daily.map((d) => d.visits)).toEqual([1, 1])
    expect(me.rank).toEqual({ sort: 'newFans', position: 1, of: 2 })
    expect(expectOk(await t.call('staffKpi', { ...RANGE, sort: 'salesFen' }, 'demo-staff-1')).rank).toEqual({ sort: 'salesFen', position: 2, of: 2 })
  })
})

describe('exportKpiCsv', () => {
  it('returns the leaderboard as CSV text, or as a stored file with a link', async () => {
    const text = expectOk(await t.call('exportKpiCsv', { ...RANGE, table: 'leaderboard' }, 'demo-manager'))
    expect(text).toMatchObject({ rows: 4, url: null, filename: '导购排行-全部门店-2026-11-10至2026-11-11.csv' })
    expect(text.csv?.split('\r\n')[1]).toBe('1,王芳,静安寺店,1,2,0,1,30.00,0.00%')
    const file = expectOk(await t.call('exportKpiCsv', { ...RANGE, table: 'daily', storeId: 'st02', upload: true }, 'demo-manager'))
    expect(file).toMatchObject({ rows: 2, csv: null })
    expect(file.url).toMatch(/exports\/kpi\/.+daily.+\.csv$/)
  })

  it('#18.22 an uploaded CSV lives under a private, unguessable path (one per export)', async () => {
    const upload = async () => expectOk(await t.call('exportKpiCsv', { ...RANGE, table: 'daily', upload: true }, 'demo-manager')).url ?? ''
    const [a, b] = [await upload(), await upload()]
    // not a timestamp anyone could guess: 128 random bits in the path, under a prefix clients may not read
    expect(a).toMatch(/\/private\/exports\/kpi\/[0-9a-f]{32}\/[^/]+\.csv$/)
    expect(a).not.toBe(b)
  })
})

describe('who may see the figures', () => {
  it.each([
    ['kpiDashboard', RANGE],
    ['exportKpiCsv', { ...RANGE, table: 'daily' }],
    ['rebuildCounters', { from: RANGE.from, to: RANGE.to, dryRun: true }]
  ] as const)('%s refuses staff and shoppers', async (name, input) => {
    for (const who of ['demo-staff-1', 'a-shopper']) expect(await t.call(name, input, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it.each(['kpiDashboard', 'exportKpiCsv', 'rebuildCounters'] as const)("%s refuses store A's manager asking for store B", async (name) => {
    const input = name === 'rebuildCounters' ? { from: RANGE.from, to: RANGE.to, dryRun: true, storeId: 'st01' } : { ...RANGE, storeId: 'st01', table: 'daily' }
    const r = await t.call(name, name === 'kpiDashboard' ? { ...RANGE, storeId: 'st01' } : input, 'demo-store-manager')
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('staffKpi refuses shoppers', async () => {
    expect(await t.call('staffKpi', RANGE, 'a-shopper')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
