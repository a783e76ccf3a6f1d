import { coverRange, dayKeyOfNumber, dayNumber, lastClosedDay, type DayRange } from '../../domain/kpi-range'
import { addInto, emptyTally, rowTally, sumTallies, type CounterRow, type Tally } from '../../domain/kpi-tally'
import { readCounterRows } from './kpi-read'
import { loadRollups } from './kpi-rollups'

export interface StaffTally {
  tally: Tally
  /** the first store the staff member's figures were found at (their home store is on their record) */
  storeId: string
}

export interface RangeTallies {
  /** per staff member; the store's own rows ('-': no staff credited) are in the days only */
  staff: Map<string, StaffTally>
  /** per day, summed over the stores in scope; together they are the range's totals */
  days: Map<string, Tally>
}

/** Up to this many store-days, reading the counter rows themselves is cheaper than any rollup. */
const DIRECT_STORE_DAYS = 400

export const emptyTallies = (): RangeTallies => ({ staff: new Map(), days: new Map() })
export const rangeTotal = (t: RangeTallies): Tally => sumTallies(t.days.values())

function add<K>(into: Map<K, Tally>, key: K, t: readonly number[]): void {
  const acc = into.get(key)
  if (acc) addInto(acc, t)
  else into.set(key, addInto(emptyTally(), t))
}

export function addStaff(into: RangeTallies, storeId: string, staffId: string, t: readonly number[]): void {
  if (staffId === '-') return
  const s = into.staff.get(staffId)
  if (s) addInto(s.tally, t)
  else into.staff.set(staffId, { tally: addInto(emptyTally(), t), storeId })
}

export function addRows(into: RangeTallies, rows: readonly CounterRow[]): RangeTallies {
  for (const row of rows) {
    const t = rowTally(row)
    addStaff(into, row.storeId, row.staffId, t)
    add(into.days, row.dayKey, t)
  }
  return into
}

/**
 * The range's figures for the stores in scope (null = all), from counters only: the rows themselves
 * for a few stores, else rollups for closed days plus the live rows of today (and of yesterday during
 * the first minutes after midnight, while an undo may still change it).
 */
export async function readTallies(range: DayRange, storeIds: readonly string[] | null, now: number): Promise<RangeTallies> {
  const out = emptyTallies()
  if (storeIds && storeIds.length * range.days.length <= DIRECT_STORE_DAYS) return addRows(out, await readCounterRows(range.days, storeIds))
  const { blocks, openDays } = coverRange(dayNumber(range.from), dayNumber(range.to), lastClosedDay(now))
  const [docs, live] = await Promise.all([loadRollups(blocks, storeIds), readCounterRows(openDays.map(dayKeyOfNumber), storeIds)])
  for (const doc of docs) {
    for (const storeId in doc.stores) {
      const s = doc.stores[storeId]
      for (const staffId in s.staff) addStaff(out, storeId, staffId, s.staff[staffId])
      for (const dayKey in s.days) add(out.days, dayKey, s.days[dayKey])
    }
  }
  return addRows(out, live)
}
