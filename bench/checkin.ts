/**
 * Check-ins through the local cloud's HTTP API at 50 concurrent clients, against a store that already
 * has 200,000 fans: 70 % returning fans, 30 % first visits, over staff and store codes.
 *
 * After 5,000 untimed check-ins, two runs. Saturated: each client sends its next check-in as soon as
 * the last is answered; rps is the most the local cloud does, and latency is mostly queueing, since by
 * Little's law the mean is 50 clients / rps. Then paced: the 50 clients offer 1,000 check-ins a second
 * (the rate) and latency counts from when each was due.
 * Lines: RESULT checkin_paced rate=<n> rps=<n> p50_ms=<n> p99_ms=<n> missed=<n> (check-ins no client was free
 * to send within 100 ms of when they were due: above 0, the local cloud did not keep up the offered rate), then (last)
 * RESULT checkin rps=<n> p50_ms=<n> p99_ms=<n> from the saturated run.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_POLICY } from '../src/contract'
import { memberCodeFor } from '../src/domain/codes'
import { signScene } from '../src/domain/scene-signature'
import { LocalDatabase, type IndexSpec } from '../src/localcloud/db'
import { STAFF, STORES, TEMPLATES } from '../src/localcloud/demo/brand'
import { BENCH_KEY, drive, jsonPoster, LATE_MS, percentile, ROOT, round, spawnLocalCloud } from './lib'

const FANS = Number(process.env.BENCH_FANS ?? 200_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000)
const CONCURRENCY = 50
const PACED_RATE = 1000
const PACED_REQUESTS = Number(process.env.BENCH_PACED_REQUESTS ?? 10_000)
// Measured: after 500 warm-up check-ins the first second still ran at 1,200/s with p99 98 ms, and the
// rate settled only after ~8,000 (V8 optimising the check-in path). The figures are a running local
// cloud's, so the timed runs start after 5,000.
const WARM_UP = 5_000

function prepare(dataDir: string): void {
  const local = new LocalDatabase({ file: path.join(dataDir, 'cloud.sqlite') })
  local.ensureIndexes(JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'cloud', 'indexes.json'), 'utf8')) as IndexSpec)
  const db = local.api()
  local.bulkInsert(
    'stores',
    STORES.map((s) => ({ ...s, location: db.Geo.Point(s.location.longitude, s.location.latitude) }))
  )
  local.bulkInsert(
    'staff',
    STAFF.map((s) => ({ ...s }))
  )
  local.bulkInsert(
    'couponTemplates',
    TEMPLATES.map((t) => ({ ...t }))
  )
  const t0 = Date.now() - 90 * 24 * 3600_000
  local.bulkInsert(
    'fans',
    Array.from({ length: FANS }, (_, i) => {
      const openid = `bench-fan-${i}`
      const owner = i % 3 === 0 ? null : i % 3 === 1 ? 'sf01' : 'sf02'
      const at = t0 + i * 1000
      return {
        _id: openid,
        memberCode: memberCodeFor(openid),
        firstStoreId: 'st01',
        lastStoreId: 'st01',
        channel: owner ? 'staff_code' : 'store_code',
        capturingStaffId: owner,
        ownerStaffId: owner,
        boundAt: owner ? at : null,
        createdAt: at,
        lastVisitAt: at,
        visits: 1
      }
    })
  )
  // 1,000 scans a second through three codes is far over the per-code limits and a "burst" by any
  // measure: raised, so the bench measures check-ins rather than refusals. The limit checks still run.
  const limits = { checkinsPerStaffCodePerMinute: 10_000_000, checkinsPerStoreCodePerMinute: 10_000_000, burstNewFans: 10_000_000 }
  local.bulkInsert('settings', [{ _id: 'brand', brandName: 'bench', policy: DEFAULT_POLICY, limits }])
  local.close()
}

export async function benchCheckin(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-bench-checkin-'))
  const t0 = Date.now()
  prepare(dataDir)
  console.log(`prepared ${FANS} fans in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  const cloud = await spawnLocalCloud(dataDir)
  const scenes = [signScene(BENCH_KEY, 'staff', 'sf01', 1), signScene(BENCH_KEY, 'staff', 'sf02', 1), signScene(BENCH_KEY, 'store', 'st01', 1)]
  const post = jsonPoster(cloud.url, CONCURRENCY)
  let failures = 0
  const checkIn = async (i: number) => {
    const openid = i % 10 < 7 ? `bench-fan-${(i * 7919) % FANS}` : `bench-new-${i}`
    const body = (await post('/fn/checkin', { scene: scenes[i % scenes.length] }, { 'x-wx-openid': openid })) as { ok: boolean }
    if (!body.ok) failures++
  }
  try {
    await drive(WARM_UP, CONCURRENCY, (i) => checkIn(2 * REQUESTS + PACED_REQUESTS + i)) // shoppers of its own
    const { latencies, seconds } = await drive(REQUESTS, CONCURRENCY, checkIn)
    const rps = REQUESTS / seconds
    console.log(
      `saturated: ${REQUESTS} check-ins, ${CONCURRENCY} concurrent clients, ${FANS} fans in the store: ${round(rps, 0)}/s, p50 ${round(percentile(latencies, 0.5))} ms, p99 ${round(percentile(latencies, 0.99))} ms, refused ${failures}`
    )
    const paced = await drive(PACED_REQUESTS, CONCURRENCY, (i) => checkIn(2 * REQUESTS + i), PACED_RATE)
    const pacedRps = PACED_REQUESTS / paced.seconds
    console.log(
      `paced: ${PACED_REQUESTS} check-ins offered at ${PACED_RATE}/s by ${CONCURRENCY} clients: ${round(pacedRps, 0)}/s, p50 ${round(percentile(paced.latencies, 0.5))} ms, p99 ${round(percentile(paced.latencies, 0.99))} ms, sent late ${paced.missed}, resent after a connection reset ${post.resent()}`
    )
    if (paced.missed > 0) console.log(`paced: the offered ${PACED_RATE}/s was NOT kept up: ${paced.missed} check-ins left more than ${LATE_MS} ms late`)
    if (failures > 0) throw new Error(`${failures} check-ins were refused`)
    return [
      `RESULT checkin_paced rate=${PACED_RATE} rps=${round(pacedRps, 0)} p50_ms=${round(percentile(paced.latencies, 0.5))} p99_ms=${round(percentile(paced.latencies, 0.99))} missed=${paced.missed}`,
      `RESULT checkin rps=${round(rps, 0)} p50_ms=${round(percentile(latencies, 0.5))} p99_ms=${round(percentile(latencies, 0.99))}`
    ].join('\n')
  } finally {
    await cloud.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
