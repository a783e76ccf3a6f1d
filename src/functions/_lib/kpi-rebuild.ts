import { chinaDayKeyStart } from '../../domain/china-time'
import { tallyEvents } from '../../domain/kpi-events'
import { dayKeyOfNumber, dayNumber, lastClosedDay } from '../../domain/kpi-range'
import { emptyTally, rowTally, TALLY_FIELDS, tallyRowFields, type Tally } from '../../domain/kpi-tally'
import { db } from './cloud'
import { AppError } from './errors'
import { readCounterRows, type MergedCounterRow } from './kpi-read'
import { slices } from './reads'
import { EVENT_COLLECTIONS, loadPriorPurchases, otherStoreSales, readDayEvents } from './kpi-events'
import { invalidateRollups } from './kpi-rollups'

export const MAX_REBUILD_DAYS = 31
const MAX_SAMPLES = 20

export interface RebuildOptions {
  from: string
  to: string
  storeIds: readonly string[] | null
  dryRun: boolean
  now: number
}

async function writeRow(id: string, stored: MergedCounterRow | undefined, counted: { dayKey: string; storeId: string; staffId: string; tally: Tally }) {
  const fields = tallyRowFields(counted.tally)
  // The recount goes on the row itself and its other shards (counters.ts) are emptied, so the sum is the recount.
  const zero = tallyRowFields(emptyTally())
  for (const shardId of stored?.shardIds ?? []) await db.collection('counters').doc(shardId).update({ data: zero })
  // update keeps any field this job does not know; a missing row (only shards, or none) is created whole.
  const res = stored ? ((await db.collection('counters').doc(id).update({ data: fields })) as { updated?: number; stats?: { updated?: number } }) : null
  if ((res?.stats?.updated ?? res?.updated ?? 0) === 0)
    await db
      .collection('counters')
      .doc(id)
      .set({ data: { dayKey: counted.dayKey, storeId: counted.storeId, staffId: counted.staffId, ...fields } })
}

/**
 * Recounts the counter rows of some days from the event log, day by day (memory stays one day's
 * events), reports every field that differs, and unless dryRun rewrites those rows and drops the
 * rollups built from them. Only closed days are rewritten: today's rows still move with each event.
 */
export async function rebuildCounters(o: RebuildOptions) {
  const first = dayNumber(o.from)
  const last = dayNumber(o.to)
  if (dayKeyOfNumber(first) !== o.from || dayKeyOfNumber(last) !== o.to) throw new AppError('INVALID_INPUT', '请选择有效的日期')
  if (first > last || last - first + 1 > MAX_REBUILD_DAYS) throw new AppError('INVALID_INPUT', `一次最多重算 ${MAX_REBUILD_DAYS} 天`)
  if (!o.dryRun && last > lastClosedDay(o.now)) throw new AppError('INVALID_INPUT', '今天的数据仍在变化，只能核对（dryRun），不能重写')
  const events: Record<string, number> = Object.fromEntries(EVENT_COLLECTIONS.map((c) => [c, 0]))
  const drift = TALLY_FIELDS.map((field) => ({ field: field as string, rows: 0, stored: 0, counted: 0 }))
  const samples: Array<{ rowId: string; field: string; stored: number; counted: number }> = []
  const purchases = new Map<string, number>()
  let rowsCompared = 0
  let rowsDrifted = 0
  let rowsWritten = 0
  for (let day = first; day <= last; day++) {
    const dayKey = dayKeyOfNumber(day)
    const ev = await readDayEvents(dayKey, o.storeIds)
    for (const c of EVENT_COLLECTIONS) events[c] += ev[c].length
    let counted
    if (o.storeIds) {
      // Some stores only: the fans' purchases elsewhere decide first vs repeat, so each day starts from
      // their count before it (every store) and takes in that day's sales at the other stores as context.
      const fans = [...new Set(ev.sales.map((s) => s.fanId))]
      const before = new Map<string, number>()
      await loadPriorPurchases(fans, chinaDayKeyStart(dayKey), before)
      counted = tallyEvents({ ...ev, sales: [...ev.sales, ...(await otherStoreSales(dayKey, fans, o.storeIds))] }, before)
    } else {
      const unseen = [...new Set(ev.sales.map((s) => s.fanId))].filter((id) => !purchases.has(id))
      await loadPriorPurchases(unseen, chinaDayKeyStart(o.from), purchases)
      counted = tallyEvents(ev, purchases)
    }
    const stored = new Map((await readCounterRows([dayKey], o.storeIds)).map((r) => [r._id, r]))
    const writes: Array<() => Promise<void>> = []
    for (const id of new Set([...counted.keys(), ...stored.keys()])) {
      rowsCompared++
      const row = stored.get(id)
      const s = row ? rowTally(row) : emptyTally()
      const c = counted.get(id) ?? { dayKey, storeId: row?.storeId ?? '', staffId: row?.staffId ?? '-', tally: emptyTally() }
      let differs = false
      TALLY_FIELDS.forEach((field, i) => {
        drift[i].stored += s[i]
        drift[i].counted += c.tally[i]
        if (s[i] === c.tally[i]) return
        differs = true
        drift[i].rows++
        if (samples.length < MAX_SAMPLES) samples.push({ rowId: id, field, stored: s[i], counted: c.tally[i] })
      })
      if (!differs) continue
      rowsDrifted++
      if (!o.dryRun) writes.push(() => writeRow(id, row, c))
    }
    // A few writes at a time: the cloud database caps operations per second.
    for (const batch of slices(writes, 20)) await Promise.all(batch.map((w) => w()))
    rowsWritten += writes.length
  }
  if (rowsWritten > 0) await invalidateRollups(Array.from({ length: last - first + 1 }, (_, i) => first + i))
  return { from: o.from, to: o.to, dryRun: o.dryRun, events, rowsCompared, rowsDrifted, rowsWritten, drift, samples }
}
