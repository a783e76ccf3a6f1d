import type { FunctionName } from '../../src/contract'
import { LocalCloud } from '../../src/localcloud'
import { PERSONAS } from '../../src/localcloud/demo/brand'
import { checked } from './_contract-check'

/**
 * The demo brand as `npm start` seeds it, read by every persona: each ok answer must satisfy its
 * function's output schema, and the cursors an answer hands out must be accepted as the next input.
 */
let cloud: LocalCloud
beforeAll(async () => {
  cloud = new LocalCloud({ dataDir: ':memory:', functions: 'source', port: 0, staticDir: null, timers: false, seed: true })
  await cloud.seedIfEmpty()
}, 120_000)
afterAll(async () => {
  await cloud.stop()
})
const call = checked((name, event, openid) => cloud.call(name, event, openid) as never)

const READS: FunctionName[] = [
  'session',
  'wallet',
  'purchaseHistory',
  'myData',
  'staffKpi',
  'teamList',
  'managerOverview',
  'storeList',
  'groupCodes',
  'couponTemplates',
  'repurchaseStats',
  'kpiDashboard'
]

describe('#18.8 answers over the demo data satisfy the contract', () => {
  it.each(PERSONAS.map((p) => [p.label, p.openid]))('#18.8 every ok answer for %s satisfies its output schema', async (_label, openid) => {
    let ok = 0
    for (const name of READS) if ((await call(name, {}, openid)).ok) ok++
    expect(ok).toBeGreaterThan(0)
  })

  it.each(['demo-staff-1', 'demo-staff-3'])('#18.8 myFans pages to the end for %s with the cursor it hands out', async (openid) => {
    const first = await call('myFans', { limit: 5 }, openid)
    if (!first.ok) throw new Error(first.message)
    const seen = new Set(first.data.fans.map((f) => f.memberCode))
    let next = first.data.nextCursor
    expect(next).not.toBeNull()
    while (next !== null) {
      const page = await call('myFans', { limit: 5, cursor: next }, openid)
      if (!page.ok) throw new Error(`${page.code}: ${page.message}`)
      for (const f of page.data.fans) seen.add(f.memberCode)
      next = page.data.nextCursor
    }
    expect(seen.size).toBe(first.data.total)
  })
})
