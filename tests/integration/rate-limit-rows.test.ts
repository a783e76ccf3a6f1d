import { startTestCloud, expectOk, type TestCloud } from '../support/local-cloud'

/**
 * Rate-limit rows when the check-in's one read has already looked at them (#20, rate-limit.ts `seen`):
 * a span's first slot adds its row straight away, a key's expired rows still go when its new row is made,
 * and shoppers racing on a row nobody had seen yet still get exactly the limit between them.
 */
let t: TestCloud
let now = Date.UTC(2026, 10, 20, 2, 0, 0)
beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now))
afterEach(async () => {
  jest.restoreAllMocks()
  await t?.stop()
})

const SPAN_MS = 64 * 60_000
const rows = (key: string) => t.count('rateLimits', { key })

test('a code keeps one rate-limit row however many spans it is scanned in', async () => {
  t = await startTestCloud({ limits: { checkinsPerStoreCodePerMinute: 50 } })
  const scene = t.scene('store', 'st01')
  for (let span = 0; span < 4; span++) {
    for (let i = 0; i < 3; i++) expectOk(await t.call('checkin', { scene }, `rows-${span}-${i}`))
    expect(await rows('ck-store-st01')).toBe(1)
    now += SPAN_MS
  }
})

test('racing first scans of a new span share the limit exactly, and a window seen full is refused without a write', async () => {
  t = await startTestCloud({ limits: { checkinsPerStoreCodePerMinute: 5 } })
  const scene = t.scene('store', 'st01')
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => t.call('checkin', { scene }, `race-${i}`)))
  expect(answers.filter((a) => a.ok)).toHaveLength(5)
  expect(answers.filter((a) => !a.ok).map((a) => (a as { code: string }).code)).toEqual(Array(7).fill('RATE_LIMITED'))
  const before = t.cloud.db.snapshot()
  expect(await t.call('checkin', { scene }, 'one-more')).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
  expect(t.cloud.db.snapshot()).toEqual(before)
})
