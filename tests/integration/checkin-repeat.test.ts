import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/**
 * A repeat scan (the same store again the same China day, no binding change) is one conditional write of
 * the fan's record outside a transaction (#20, _lib/checkin-repeat.ts). It must still answer as a check-in
 * does, write nothing but the fan, and count every scan in the shopper's window when scans race.
 */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud({ limits: { checkinsPerShopperPerMinute: 50 } })
})
afterEach(() => t.stop())

const fan = async (openid: string) => (await t.cloud.db.api().collection('fans').doc(openid).get()).data as Record<string, unknown>

test('a repeat scan answers like a return, moves only the fan record, and costs three requests', async () => {
  const scene = t.scene('staff', 'sf01')
  const first = expectOk(await t.call('checkin', { scene }, 'repeater'))
  const before = { fans: await t.count('fans'), others: t.cloud.db.snapshot({ except: ['fans', 'rateLimits'] }) }
  const again = expectOk(await t.call('checkin', { scene }, 'repeater'))
  expect(t.cloud.registry.stats.get('checkin')?.last).toBe(3)
  expect(again).toMatchObject({ isNewFan: false, bindingChanged: false, couponsIssued: [], visitCount: first.visitCount })
  expect(again.ownerStaff?.staffId).toBe('sf01')
  expect(again.group).toEqual(first.group)
  expect(t.cloud.db.snapshot({ except: ['fans', 'rateLimits'] })).toEqual(before.others)
  expect(await t.count('fans')).toBe(before.fans)
  expect(await fan('repeater')).toMatchObject({ visits: 1, scanWindow: { count: 2 }, ownerStaffId: 'sf01' })
})

test('racing repeat scans of one shopper all count: the ones whose condition no longer holds run the transaction', async () => {
  const scene = t.scene('store', 'st01')
  expectOk(await t.call('checkin', { scene }, 'racer'))
  const answers = await Promise.all(Array.from({ length: 8 }, () => t.call('checkin', { scene }, 'racer')))
  expect(answers.every((a) => a.ok)).toBe(true)
  expect(await fan('racer')).toMatchObject({ visits: 1, scanWindow: { count: 9 } })
  expect(await t.count('visits', { fanId: 'racer' })).toBe(1)
})
