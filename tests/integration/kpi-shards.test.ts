import { chinaDayKey } from '../../src/domain/china-time'
import { expectOk, LIMITS_LIFTED, startTestCloud, type TestCloud } from '../support/local-cloud'
import { buildHistory, NOON_12TH, setClock } from './kpi-history'

/**
 * No hot document (#20): a day's counter row is several shard documents under load, and every figure is
 * their sum. With write conflicts on (the default, as on WeChat Cloud), one row per store and day turned
 * most of 100 simultaneous first visits into BUSY.
 */
describe('a busy store: 100 first visits at once through one store code', () => {
  let t: TestCloud
  beforeAll(async () => {
    t = await startTestCloud({ limits: LIMITS_LIFTED })
  })
  afterAll(() => t.stop())

  it('all commit, spread over shards, and the figures are their sum', async () => {
    const scene = t.scene('store', 'st01')
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => t.call('checkin', { scene }, `rush-${i}`)))
    expect(results.map((r) => (r.ok ? 'ok' : r.code)).filter((c) => c !== 'ok')).toEqual([])
    const day = chinaDayKey(Date.now())
    const rows = (await t.cloud.db.api().collection('counters').where({ dayKey: day, storeId: 'st01', staffId: '-' }).limit(100).get()).data
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.reduce((n, r) => n + Number(r.newFans), 0)).toBe(100)
    const overview = expectOk(await t.call('managerOverview', { storeId: 'st01' }, 'demo-manager'))
    expect(overview.stores.find((s) => s.storeId === 'st01')).toMatchObject({ newFansToday: 100, visitsToday: 100 })
    const today = expectOk(await t.call('kpiDashboard', { range: 'custom', from: day, to: day, storeId: 'st01' }, 'demo-manager'))
    expect(today.totals).toMatchObject({ newFans: 100, visits: 100 })
    const check = expectOk(await t.call('rebuildCounters', { from: day, to: day, storeId: 'st01', dryRun: true }, 'demo-manager'))
    expect(check.rowsDrifted).toBe(0)
  })
})

describe('rebuildCounters over shards', () => {
  let t: TestCloud
  const RANGE = { range: 'custom', from: '2026-11-10', to: '2026-11-11' } as const
  const ROW = '2026-11-11.st01.sf01'
  const counters = () => t.cloud.db.api().collection('counters')
  const rebuild = (input: Record<string, unknown>) => t.call('rebuildCounters', input, 'demo-manager').then(expectOk)
  const visits = async () => expectOk(await t.call('kpiDashboard', RANGE, 'demo-manager')).totals.visits

  beforeAll(async () => {
    t = await startTestCloud()
    await buildHistory(t)
    setClock(NOON_12TH)
    await rebuild({ from: RANGE.from, to: RANGE.to })
  })
  afterAll(async () => {
    jest.useRealTimers()
    await t.stop()
  })

  it('sums a row split over shards: no drift, same figures', async () => {
    const base = (await counters().doc(ROW).get()).data as Record<string, unknown>
    expect(base.visits).toBe(1)
    await counters()
      .doc(ROW)
      .update({ data: { visits: 0 } })
    await counters().add({ data: { _id: `${ROW}.5`, dayKey: base.dayKey, storeId: base.storeId, staffId: base.staffId, visits: 1 } })
    expect((await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })).rowsDrifted).toBe(0)
    expect(await visits()).toBe(4)
  })

  it('finds a corrupted shard under its row, and the rewrite empties the shards into the row', async () => {
    await counters()
      .doc(`${ROW}.5`)
      .update({ data: { visits: 4 } })
    const found = await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })
    expect(found.samples).toEqual([{ rowId: ROW, field: 'visits', stored: 4, counted: 1 }])
    expect(await rebuild({ from: RANGE.from, to: RANGE.to })).toMatchObject({ rowsWritten: 1 })
    expect((await rebuild({ from: RANGE.from, to: RANGE.to, dryRun: true })).rowsDrifted).toBe(0)
    expect((await counters().doc(`${ROW}.5`).get()).data).toMatchObject({ visits: 0 })
    expect((await counters().doc(ROW).get()).data).toMatchObject({ visits: 1 })
    expect(await visits()).toBe(4)
  })
})
