/**
 * npm run bench -- dbreq: database requests per call of the main journeys, counted where the real
 * wx-server-sdk sends them (the local cloud's request seam), which is what each call costs against the
 * platform's database QPS quota. Ends with
 *   RESULT dbreq checkin_new=<n> checkin_return=<n> redeem=<n> wallet=<n> nearby=<n> dashboard=<n>
 */
import { DEFAULT_POLICY, type Result } from '../src/contract'
import { signScene } from '../src/domain/scene-signature'
import { LocalCloud } from '../src/localcloud'
import { STAFF, STORES, TEMPLATES } from '../src/localcloud/demo/brand'

export async function benchDbreq(): Promise<string> {
  const cloud = new LocalCloud({ dataDir: ':memory:', functions: 'source', staticDir: null, timers: false, logInvocations: false })
  try {
    const db = cloud.db.api()
    for (const s of STORES) await db.collection('stores').add({ data: { ...s, location: db.Geo.Point(s.location.longitude, s.location.latitude) } })
    for (const s of STAFF) await db.collection('staff').add({ data: { ...s } })
    for (const t of TEMPLATES) await db.collection('couponTemplates').add({ data: { ...t } })
    await db.collection('settings').add({ data: { _id: 'brand', brandName: '基准品牌', policy: DEFAULT_POLICY } })

    /** One call, answered ok, and the database requests it sent. */
    const requests = async <T>(name: string, event: unknown, openid: string): Promise<{ n: number; data: T }> => {
      const res = (await cloud.call(name, event, openid)) as Result<T>
      if (!res.ok) throw new Error(`${name} answered ${res.code}: ${res.message}`)
      return { n: cloud.registry.stats.get(name)?.last ?? NaN, data: res.data }
    }
    const scene = signScene(process.env.FANLOOP_SIGNING_KEY as string, 'staff', 'sf01', 1)
    const first = await requests<{ couponsIssued: Array<{ code: string }> }>('checkin', { scene, via: 'scan' }, 'bench-shopper')
    const again = await requests('checkin', { scene, via: 'scan' }, 'bench-shopper')
    const wallet = await requests('wallet', {}, 'bench-shopper')
    const code = first.data.couponsIssued[0]?.code
    if (!code) throw new Error('checkin issued no welcome coupon to redeem')
    const redeem = await requests('redeemCoupon', { code, amountFen: 3800 }, 'demo-staff-1')
    const nearby = await requests('nearbyStores', { longitude: 121.4456, latitude: 31.2235 }, 'bench-shopper')
    const dashboard = await requests('kpiDashboard', { range: '7d', storeId: 'st01' }, 'demo-manager')
    const figures = { checkin_new: first.n, checkin_return: again.n, redeem: redeem.n, wallet: wallet.n, nearby: nearby.n, dashboard: dashboard.n }
    for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(15)} ${v} database requests`)
    return `RESULT dbreq ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`
  } finally {
    await cloud.stop()
  }
}
