import { contract, FUNCTION_NAMES, isErrorCode, type FunctionName } from '../../src/contract'
import { HOSTILE_VALID_STRINGS, mutations, validMutations } from '../support/hostile'
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

/** Keys anywhere in a stored document that a query or update would read as an operator or a path. */
function operatorKeys(doc: unknown, path = ''): string[] {
  if (!doc || typeof doc !== 'object') return []
  return Object.entries(doc as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k.startsWith('$') || k.includes('.') || k === '__proto__' ? [`${path}${k}`] : []),
    ...operatorKeys(v, `${path}${k}.`)
  ])
}

const hostileTotals = { cases: 0, accepted: 0, problems: 0 }
afterAll(() =>
  recordResult('fuzz_valid', `RESULT fuzz_valid cases=${hostileTotals.cases} accepted=${hostileTotals.accepted} problems=${hostileTotals.problems}`)
)

describe('#18.23 hostile values the contract accepts', () => {
  it.each(FUNCTION_NAMES)('#18.23 %s: reach the handler, answer without a crash, and store nothing operator-shaped', async (name) => {
    const valid = JSON.parse(JSON.stringify(SAMPLE_INPUTS[name]).replace('<staff-scene>', t.scene('staff', 'sf05'))) as Record<string, unknown>
    const cases = validMutations(valid).filter((e) => contract[name].input.safeParse(e).success)
    const problems: string[] = []
    for (const event of cases.slice(0, 60)) {
      hostileTotals.cases++
      const res = (await t.call(name, event, 'demo-manager')) as { ok?: unknown; code?: unknown; message?: unknown }
      const text = JSON.stringify(res) ?? ''
      if (res.ok === true) hostileTotals.accepted++
      else if (!isErrorCode(res.code) || res.code === 'INTERNAL' || typeof res.message !== 'string')
        problems.push(`${JSON.stringify(event).slice(0, 120)} → ${text.slice(0, 160)}`)
      if (/\bat .+:\d+:\d+/.test(text)) problems.push(`stack in ${text.slice(0, 160)}`)
    }
    const db = t.cloud.db.api()
    for (const coll of ['stores', 'couponTemplates', 'groups', 'settings', 'staff', 'fans', 'sales']) {
      const docs = (await db.collection(coll).where({}).limit(1000).get()).data
      for (const d of docs) for (const k of operatorKeys(d)) problems.push(`${coll}/${String(d._id)} stores an operator-shaped key ${k}`)
    }
    hostileTotals.problems += problems.length
    expect(problems.slice(0, 5)).toEqual([])
  })

  it('#18.23 a store and a template saved with hostile text keep exactly that text', async () => {
    for (const text of HOSTILE_VALID_STRINGS) {
      const store = await t.call('saveStore', { ...(SAMPLE_INPUTS.saveStore as Record<string, unknown>), name: text.trim() || 'x' }, 'demo-manager')
      if (store.ok) {
        const stored = (await t.cloud.db.api().collection('stores').doc(store.data.store.storeId).get()).data as { name: string }
        expect(stored.name).toBe(text.trim())
      }
      const tpl = JSON.parse(JSON.stringify(SAMPLE_INPUTS.saveCouponTemplate)) as { template: Record<string, unknown> }
      const saved = await t.call('saveCouponTemplate', { ...tpl, template: { ...tpl.template, title: text.trim() } }, 'demo-manager')
      if (saved.ok) {
        const stored = (await t.cloud.db.api().collection('couponTemplates').doc(saved.data.template.templateId).get()).data as { title: string }
        expect(stored.title).toBe(text.trim())
      }
    }
    hostileTotals.cases += HOSTILE_VALID_STRINGS.length * 2
  })
})
