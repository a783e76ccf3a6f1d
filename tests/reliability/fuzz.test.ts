import { contract, FUNCTION_NAMES, isErrorCode, type FunctionName } from '../../src/contract'
import { mutations } from '../support/hostile'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { SAMPLE_INPUTS } from '../support/samples'
import { recordResult } from './results'

/**
 * Every function gets at least 200 malformed events (each one the contract refuses) from a brand manager,
 * who may call everything, so validation is what is tested. Each answer must be a stable error code with
 * a message and no stack, and the database must be byte-for-byte unchanged after each.
 */
const MIN_CASES = 200
let t: TestCloud
beforeAll(async () => {
  t = await startTestCloud()
})
afterAll(async () => {
  await t.stop()
})

const totals = { cases: 0, crashes: 0, writes: 0 }
afterAll(() => recordResult('fuzz', `RESULT fuzz cases=${totals.cases} crashes=${totals.crashes} writes=${totals.writes}`))

function malformedCases(name: FunctionName): unknown[] {
  const valid = JSON.parse(JSON.stringify(SAMPLE_INPUTS[name]).replace('<staff-scene>', t.scene('staff', 'sf05'))) as Record<string, unknown>
  const all = mutations(valid).filter((e) => !contract[name].input.safeParse(e).success)
  // Functions with few fields get more stranger keys until they reach the floor.
  for (let i = 0; all.length < MIN_CASES; i++) all.push({ ...valid, [`stranger${i}`]: i % 2 ? { $ne: null } : 'x'.repeat(i) })
  return all
}

describe.each(FUNCTION_NAMES)('%s under hostile input', (name) => {
  it(`answers ${MIN_CASES}+ malformed events with a stable code, no stack and no write`, async () => {
    const cases = malformedCases(name)
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES)
    const problems: string[] = []
    for (const event of cases) {
      const before = t.cloud.db.snapshot()
      let res: unknown
      try {
        res = await t.call(name, event, 'demo-manager')
      } catch (err) {
        res = { thrown: String(err) }
      }
      const after = t.cloud.db.snapshot()
      const r = res as { ok?: unknown; code?: unknown; message?: unknown }
      const text = JSON.stringify(res) ?? ''
      const crashed = r?.ok !== false || !isErrorCode(r.code) || r.code === 'INTERNAL' || typeof r.message !== 'string' || /\bat .+:\d+:\d+/.test(text)
      const wrote = before.checksum !== after.checksum
      totals.cases++
      if (crashed) totals.crashes++
      if (wrote) totals.writes++
      if ((crashed || wrote) && problems.length < 5) problems.push(`${JSON.stringify(event)?.slice(0, 120)} → ${text.slice(0, 160)}${wrote ? ' (wrote)' : ''}`)
    }
    expect(problems).toEqual([])
  })
})
