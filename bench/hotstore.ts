/**
 * A busy store at opening time: 100 new shoppers scan the same store code at once, with the local
 * cloud's write-conflict emulation on (as on WeChat Cloud, where concurrent transactions writing one
 * document collide). Every answer should be ok: a BUSY or INTERNAL is a shopper turned away. Then the
 * store's counters are rebuilt from the events in dry-run mode: drift is how far they disagree.
 * Last line: RESULT hotstore concurrency=100 ok=<n> busy=<n> internal=<n> drift=<n>
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chinaDayKey } from '../src/domain/china-time'
import { signScene } from '../src/domain/scene-signature'
import { BENCH_KEY, jsonPoster, spawnLocalCloud } from './lib'

const CONCURRENCY = 100

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string }

export async function benchHotstore(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanloop-bench-hotstore-'))
  // A store code takes 600 scans a minute before its rate limit, so 100 at once are all let through.
  const cloud = await spawnLocalCloud(dataDir)
  const post = jsonPoster(cloud.url, CONCURRENCY)
  try {
    const scene = signScene(BENCH_KEY, 'store', 'st01', 1)
    const stamp = Date.now()
    const answers = (await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, i) => post('/fn/checkin', { scene }, { 'x-wx-openid': `bench-hot-${stamp}-${i}` }))
    )) as Answer[]
    const tally: Record<string, number> = {}
    for (const a of answers) tally[a.ok ? 'ok' : a.code] = (tally[a.ok ? 'ok' : a.code] ?? 0) + 1
    const today = chinaDayKey(Date.now())
    const rebuilt = (await post('/fn/rebuildCounters', { from: today, to: today, storeId: 'st01', dryRun: true }, { 'x-wx-openid': 'demo-manager' })) as Answer
    if (!rebuilt.ok) throw new Error(`rebuildCounters refused: ${rebuilt.code} ${rebuilt.message}`)
    const rows = (rebuilt.data as { drift: Array<{ stored: number; counted: number }> }).drift
    const drift = rows.reduce((sum, r) => sum + Math.abs(r.stored - r.counted), 0)
    console.log(`answers: ${JSON.stringify(tally)}; counters against events: drift ${drift}`)
    const other = CONCURRENCY - (tally.ok ?? 0) - (tally.BUSY ?? 0) - (tally.INTERNAL ?? 0)
    if (other > 0) console.log(`other refusals: ${other}`)
    return `RESULT hotstore concurrency=${CONCURRENCY} ok=${tally.ok ?? 0} busy=${tally.BUSY ?? 0} internal=${tally.INTERNAL ?? 0} drift=${drift}`
  } finally {
    await cloud.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
