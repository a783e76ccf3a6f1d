import { memberCodeFor } from '../../src/domain/codes'
import * as scanRead from '../../src/functions/_lib/checkin-read'
import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/**
 * #18.2 against the check-in's one read (#20): the read sees the shopper's fan record, then the shopper's
 * "delete my data" completes before the check-in writes. The check-in must not take the read's "not a
 * former fan" for granted: it makes a fresh record with a fresh member code and no second welcome gift.
 */
jest.mock('../../src/functions/_lib/checkin-read', () => {
  const real = jest.requireActual('../../src/functions/_lib/checkin-read')
  return { ...real, readScan: jest.fn(real.readScan) }
})
const readScan = scanRead.readScan as jest.MockedFunction<typeof scanRead.readScan>
const realRead = jest.requireActual<typeof scanRead>('../../src/functions/_lib/checkin-read').readScan

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.stop())

test('a shopper erased between the scan read and its write is welcomed back as a former fan', async () => {
  const R = 'erase-racer'
  const scene = t.scene('staff', 'sf01')
  const first = expectOk(await t.call('checkin', { scene }, R))
  expect(first.couponsIssued).toHaveLength(1)
  readScan.mockImplementationOnce(async (...args) => {
    const seen = await realRead(...args)
    let done = false
    for (let i = 0; i < 20 && !done; i++) done = expectOk(await t.call('deleteMyData', { confirm: true }, R)).complete
    expect(done).toBe(true)
    return seen
  })
  const again = expectOk(await t.call('checkin', { scene }, R))
  expect(readScan).toHaveBeenCalledTimes(2)
  expect(again).toMatchObject({ isNewFan: true, couponsIssued: [] })
  const fan = (await t.cloud.db.api().collection('fans').doc(R).get()).data as { memberCode: string; returning?: boolean }
  expect(fan.returning).toBe(true)
  expect(fan.memberCode).not.toBe(memberCodeFor(R))
})
