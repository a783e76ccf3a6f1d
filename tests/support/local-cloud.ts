import { DEFAULT_POLICY, type AttributionPolicy, type FunctionName, type OutputOf, type Result } from '../../src/contract'
import type { AbuseLimits } from '../../src/domain/abuse-limits'
import { signScene } from '../../src/domain/scene-signature'
import { LocalCloud } from '../../src/localcloud'
import { STAFF, STORES, TEMPLATES } from '../../src/localcloud/demo/brand'
import { checkAnswer } from './contract-check'

/**
 * An in-process local cloud on an in-memory database, serving the functions from source, with the
 * demo brand's stores, staff and templates but no history (so every count in a test is the test's own).
 */
export interface TestCloud {
  cloud: LocalCloud
  url: string
  call<N extends FunctionName>(name: N, event: unknown, openid?: string): Promise<Result<OutputOf<N>>>
  http<N extends FunctionName>(name: N, event: unknown, openid?: string): Promise<Result<OutputOf<N>>>
  scene(kind: 'store' | 'staff', id: string, version?: number): string
  count(collection: string, where?: Record<string, unknown>): Promise<number>
  stop(): Promise<void>
}

/**
 * `limits`: overrides of the abuse limits in the brand's settings, for tests whose subject is something
 * else (say, 1,000 shoppers on one code at once) and would otherwise be refused as too fast.
 */
export async function startTestCloud(opts: { policy?: Partial<AttributionPolicy>; serve?: boolean; limits?: Partial<AbuseLimits> } = {}): Promise<TestCloud> {
  const cloud = new LocalCloud({ dataDir: ':memory:', functions: 'source', port: 0, staticDir: null, timers: false })
  const db = cloud.db.api()
  for (const s of STORES) await db.collection('stores').add({ data: { ...s, location: db.Geo.Point(s.location.longitude, s.location.latitude) } })
  for (const s of STAFF) await db.collection('staff').add({ data: { ...s } })
  for (const t of TEMPLATES) await db.collection('couponTemplates').add({ data: { ...t } })
  await db
    .collection('settings')
    .add({ data: { _id: 'brand', brandName: '测试品牌', policy: { ...DEFAULT_POLICY, ...opts.policy }, ...(opts.limits ? { limits: opts.limits } : {}) } })
  const url = opts.serve ? (await cloud.start()).url : ''
  const key = process.env.FANLOOP_SIGNING_KEY as string
  return {
    cloud,
    url,
    // every ok answer a test sees is checked against its contract's output schema
    call: async (name, event, openid) => checkAnswer(name, (await cloud.call(name, event, openid)) as never),
    http: async (name, event, openid) => {
      const res = await fetch(`${url}/fn/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify(event)
      })
      return checkAnswer(name, (await res.json()) as never)
    },
    scene: (kind, id, version = 1) => signScene(key, kind, id, version),
    count: async (collection, where = {}) => (await db.collection(collection).where(where).count()).total,
    stop: () => cloud.stop()
  }
}

export function expectOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
  return r.data
}

/**
 * Limits lifted far out of reach: for tests that drive many check-ins or redemptions through one code in
 * a moment to test something else (transfers, counters, concurrency). The limits have their own tests.
 */
export const LIMITS_LIFTED: Partial<AbuseLimits> = {
  checkinsPerStaffCodePerMinute: 1_000_000,
  checkinsPerStoreCodePerMinute: 1_000_000,
  redemptionsPerStaffPerMinute: 1_000_000,
  attemptsPerCouponCodePerMinute: 1_000_000,
  burstNewFans: 1_000_000
}
