/**
 * Speed budgets of the local database (local-only, on a WAL file like the local cloud uses):
 * doc get/update by _id in tens of microseconds, nearest-10 among 100,000 points well under 2 ms,
 * check-ins (one transaction of ~4 document operations) above 1,000 per second.
 * Bounds are generous multiples of measured values so a slow CI machine does not flake; the
 * measured numbers are printed.
 */
import { join } from 'path'
import { performance } from 'perf_hooks'
import { LocalDatabase } from '../../src/localcloud/db'
import { localOnly, tempDir } from './db-under-test'

const report: string[] = []
afterAll(() => {
  if (report.length > 0) process.stdout.write(`\nlocal db speed:\n  ${report.join('\n  ')}\n`)
})

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]
}

localOnly('doc get / update / add by _id take tens of microseconds', async () => {
  const tmp = tempDir()
  const local = new LocalDatabase({ file: join(tmp.dir, 'speed.sqlite') })
  try {
    const db = local.api()
    const c = db.collection('fans')
    local.bulkInsert('fans', Array.from({ length: 20_000 }, (_v, i) => ({ _id: `f${i}`, openid: `o${i}`, storeId: `s${i % 50}`, visits: 0, tags: ['a'] })))
    const N = 20_000
    let t0 = performance.now()
    for (let i = 0; i < N; i++) await c.doc(`f${(i * 7919) % 20_000}`).get()
    const getUs = ((performance.now() - t0) * 1000) / N
    t0 = performance.now()
    for (let i = 0; i < N; i++) await c.doc(`f${(i * 7919) % 20_000}`).update({ data: { visits: db.command.inc(1) } })
    const updUs = ((performance.now() - t0) * 1000) / N
    t0 = performance.now()
    for (let i = 0; i < 5000; i++) await c.add({ data: { openid: `n${i}`, storeId: 's1', at: db.serverDate() } })
    const addUs = ((performance.now() - t0) * 1000) / 5000
    report.push(`doc.get ${getUs.toFixed(1)} µs, doc.update(inc) ${updUs.toFixed(1)} µs, add ${addUs.toFixed(1)} µs (WAL file, 20k docs)`)
    expect(getUs).toBeLessThan(150)
    expect(updUs).toBeLessThan(300)
  } finally {
    local.close()
    tmp.cleanup()
  }
}, 30_000)

localOnly('geoNear: nearest 10 among 100,000 points, p50 well under 2 ms', async () => {
  const local = new LocalDatabase({ file: ':memory:' })
  try {
    local.ensureIndexes({ collections: { stores: { indexes: [{ name: 'loc', keys: [{ field: 'location', direction: '2dsphere' }] }] } } })
    const db = local.api()
    let seed = 99
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const docs = Array.from({ length: 100_000 }, (_v, i) =>
      i % 2 === 0
        ? { _id: `g${i}`, location: db.Geo.Point(rnd() * 360 - 180, Math.asin(rnd() * 2 - 1) * (180 / Math.PI)) } // uniform on the sphere
        : { _id: `c${i}`, location: db.Geo.Point(113 + rnd() * 0.5, 22.9 + rnd() * 0.5) } // one dense city
    )
    local.bulkInsert('stores', docs)
    const _ = db.command
    const times: number[] = []
    for (let i = 0; i < 400; i++) {
      const city = i % 2 === 1
      const p = city ? db.Geo.Point(113 + rnd() * 0.5, 22.9 + rnd() * 0.5) : db.Geo.Point(rnd() * 360 - 180, rnd() * 170 - 85)
      const t0 = performance.now()
      const r = await db.collection('stores').where({ location: _.geoNear({ geometry: p }) }).limit(10).get()
      times.push(performance.now() - t0)
      expect(r.data).toHaveLength(10)
    }
    const p50 = percentile(times, 0.5)
    const p95 = percentile(times, 0.95)
    report.push(`geoNear nearest-10 of 100k: p50 ${(p50 * 1000).toFixed(0)} µs, p95 ${(p95 * 1000).toFixed(0)} µs`)
    expect(p50).toBeLessThan(2)
  } finally {
    local.close()
  }
}, 30_000)

localOnly('check-ins (transaction with ~4 document operations) exceed 1,000 per second', async () => {
  const tmp = tempDir()
  const local = new LocalDatabase({ file: join(tmp.dir, 'checkin.sqlite') })
  try {
    const db = local.api({ throwOnNotFound: false })
    const _ = db.command
    await db.collection('stores').add({ data: { _id: 's1', name: 'Store 1' } })
    const checkIn = (openid: string) =>
      db.runTransaction(async (tx) => {
        const store = await tx.collection('stores').doc('s1').get()
        const fan = await tx.collection('fans').doc(openid).get()
        if (fan.data === null) await tx.collection('fans').doc(openid).set({ data: { storeId: store.data?._id, visits: 1 } })
        else await tx.collection('fans').doc(openid).update({ data: { visits: _.inc(1) } })
        await tx.collection('visits').add({ data: { openid, storeId: 's1', at: db.serverDate() } })
        await tx.collection('kpi').doc('s1_2024-01-01').update({ data: { visits: _.inc(1) } })
      })
    await db.collection('kpi').doc('s1_2024-01-01').set({ data: { visits: 0 } })
    const N = 3000
    const t0 = performance.now()
    for (let i = 0; i < N; i++) await checkIn(`o${i % 1000}`)
    const seqRate = N / ((performance.now() - t0) / 1000)
    const t1 = performance.now()
    await Promise.all(Array.from({ length: 20 }, (_v, w) => (async () => {
      for (let i = 0; i < 100; i++) await checkIn(`w${w}_${i % 10}`)
    })()))
    const concRate = 2000 / ((performance.now() - t1) / 1000)
    report.push(`check-in transactions: ${seqRate.toFixed(0)}/s sequential, ${concRate.toFixed(0)}/s with 20 concurrent callers`)
    expect((await db.collection('kpi').doc('s1_2024-01-01').get()).data?.visits).toBe(N + 2000)
    expect(seqRate).toBeGreaterThan(1000)
    expect(concRate).toBeGreaterThan(1000)
  } finally {
    local.close()
    tmp.cleanup()
  }
}, 30_000)
