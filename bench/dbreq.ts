/**
 * What each journey costs on WeChat Cloud, where every database request is a network round trip:
 * database requests per call, counted by the local cloud beneath the real wx-server-sdk (GET /dev/stats
 * reports the last call's count per function), on the demo brand.
 *   checkin_new     a new shopper's first scan of a staff code (fan, binding, welcome coupon)
 *   checkin_return  a demo fan with history scanning a store code
 *   redeem          staff redeem that welcome coupon at the till, with a sale amount
 *   wallet          the shopper's wallet
 *   nearby          stores near a point
 *   dashboard       a store manager's 30-day dashboard of one store
 *   checkin_*_warm  the two check-ins again right after (another new shopper, another fan): the steady state
 *   checkin_repeat  that fan scanning the store code again the same day (a reload: no new visit)
 * Last line: RESULT dbreq checkin_new=<n> checkin_return=<n> redeem=<n> wallet=<n> nearby=<n> dashboard=<n>
 *   checkin_new_warm=<n> checkin_return_warm=<n> checkin_repeat=<n>
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { signScene } from '../src/domain/scene-signature'
import { BENCH_KEY, jsonPoster, spawnLocalCloud } from './lib'

export type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string }
type Stats = { functions: Record<string, { calls: number; requests: number; last: number; max: number }> }

/** Calls a function as `openid` and answers its result; `lastCount` says what its last call cost in requests. */
export interface JourneyDriver {
  call(name: string, event: unknown, openid: string): Promise<Answer>
  lastCount(name: string): Promise<number> | number
  /** the signing key the cloud verifies scenes with */
  key: string
}

/** Each journey's request count on the seeded demo brand, through any driver (a spawned or in-process cloud). */
export async function journeyCounts(d: JourneyDriver): Promise<Record<string, number>> {
  const measure = async (name: string, event: unknown, openid: string) => {
    const res = await d.call(name, event, openid)
    if (!res.ok) throw new Error(`${name} refused: ${res.code} ${res.message}`)
    return { data: res.data, requests: await d.lastCount(name) }
  }
  const shopper = `bench-dbreq-${Date.now()}`
  const counts: Record<string, number> = {}
  counts.checkin_new = (await measure('checkin', { scene: signScene(d.key, 'staff', 'sf01', 1) }, shopper)).requests
  counts.checkin_return = (await measure('checkin', { scene: signScene(d.key, 'store', 'st01', 1) }, 'demo-shopper-1')).requests
  // The same journeys again, right after: rows that exist by now (this minute's rate-limit row, today's
  // counter row) are what a store sees all day; the first figures are its first scan of the hour.
  counts.checkin_new_warm = (await measure('checkin', { scene: signScene(d.key, 'staff', 'sf01', 1) }, `${shopper}-2`)).requests
  counts.checkin_return_warm = (await measure('checkin', { scene: signScene(d.key, 'store', 'st01', 1) }, 'demo-fan-1')).requests
  counts.checkin_repeat = (await measure('checkin', { scene: signScene(d.key, 'store', 'st01', 1) }, 'demo-fan-1')).requests
  const wallet = await measure('wallet', {}, shopper)
  counts.wallet = wallet.requests
  const coupon = (wallet.data.usable as Array<{ code: string }>)[0]
  if (!coupon) throw new Error('the new fan has no welcome coupon to redeem')
  counts.redeem = (await measure('redeemCoupon', { code: coupon.code, amountFen: 3800 }, 'demo-staff-1')).requests
  counts.nearby = (await measure('nearbyStores', { longitude: 121.45, latitude: 31.22 }, shopper)).requests
  counts.dashboard = (await measure('kpiDashboard', { range: '30d', storeId: 'st02' }, 'demo-store-manager')).requests
  return counts
}

/** Each journey's request count, on a freshly seeded demo brand served by a spawned local cloud. */
export async function countRequests(): Promise<Record<string, number>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-bench-dbreq-'))
  const cloud = await spawnLocalCloud(dataDir)
  const post = jsonPoster(cloud.url, 4)
  try {
    return await journeyCounts({
      key: BENCH_KEY,
      call: async (name, event, openid) => (await post(`/fn/${name}`, event, { 'x-wx-openid': openid })) as Answer,
      lastCount: async (name) => {
        const stats = (await (await fetch(`${cloud.url}/dev/stats`)).json()) as Stats
        const s = stats.functions[name]
        if (!s) throw new Error(`GET /dev/stats has no figures for ${name}`)
        return s.last
      }
    })
  } finally {
    await cloud.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function benchDbreq(): Promise<string> {
  const c = await countRequests()
  for (const [k, v] of Object.entries(c)) console.log(`${k.padEnd(15)} ${v} database requests`)
  return `RESULT dbreq checkin_new=${c.checkin_new} checkin_return=${c.checkin_return} redeem=${c.redeem} wallet=${c.wallet} nearby=${c.nearby} dashboard=${c.dashboard} checkin_new_warm=${c.checkin_new_warm} checkin_return_warm=${c.checkin_return_warm} checkin_repeat=${c.checkin_repeat}`
}
