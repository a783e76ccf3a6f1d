import { expectOk, startTestCloud, type TestCloud } from '../support/local-cloud'
import { cst, setClock } from './kpi-history'
import { fanOf, setPurchases } from './book-support'

/**
 * The follow-up list through the functions with the clock at China midnight: cloud functions run in UTC,
 * and a day that turned in UTC but not in China (or the other way round) must not move anyone.
 */
let t: TestCloud
let code: string
let newCode: string

const reasons = async (memberCode: string) =>
  expectOk(await t.call('followUps', {}, 'demo-staff-1'))
    .rows.find((r) => r.memberCode === memberCode)
    ?.reasons.map((r) => r.reason) ?? []

beforeAll(async () => {
  t = await startTestCloud()
  setClock(cst('2026-11-10', '21:00:00'))
  code = await fanOf(t, 'boundary-buyer')
  await setPurchases(t, 'boundary-buyer', 1, cst('2026-11-10', '23:59:59'))
  // pushed far out, so that the welcome coupon expiring is not the reason here
  await t.cloud.db
    .api()
    .collection('coupons')
    .where({ fanId: 'boundary-buyer' })
    .update({ data: { validUntil: cst('2027-06-01', '00:00:00') } })
  setClock(cst('2026-11-20', '23:30:00'))
  newCode = await fanOf(t, 'boundary-new')
  await t.cloud.db
    .api()
    .collection('coupons')
    .where({ fanId: 'boundary-new' })
    .update({ data: { validUntil: cst('2027-06-01', '00:00:00') } })
})
afterAll(async () => {
  jest.useRealTimers()
  await t.stop()
})

describe('follow-ups at China midnight', () => {
  it('a purchase at 23:59:59 on 11-10 is 29 days old until 12-10 00:00 China time (16:00 UTC on 12-09)', async () => {
    setClock(cst('2026-12-09', '23:59:59'))
    expect(await reasons(code)).toEqual([])
    setClock(cst('2026-12-10', '00:00:00'))
    expect(await reasons(code)).toEqual(['lapsed_30'])
  })

  it('on UTC midnight nothing turns: 12-10 08:00 China time is the same day as 07:59', async () => {
    setClock(cst('2026-12-10', '07:59:59'))
    expect(await reasons(code)).toEqual(['lapsed_30'])
    setClock(cst('2026-12-10', '08:00:00'))
    expect(await reasons(code)).toEqual(['lapsed_30'])
  })

  it('a fan who joined at 23:30 on 11-20 and never bought is due from 11-27 00:00 China time', async () => {
    setClock(cst('2026-11-26', '23:59:59'))
    expect(await reasons(newCode)).toEqual([])
    setClock(cst('2026-11-27', '00:00:00'))
    expect(await reasons(newCode)).toEqual(['new_no_purchase'])
  })
})
