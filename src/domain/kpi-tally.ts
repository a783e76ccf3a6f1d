/**
 * A tally is one fixed-order vector of KPI counts. Sums over tens of thousands of counter rows (and the
 * rollup documents) stay plain array additions, and a rollup stores the field list it was built with,
 * so a field added later makes old rollups visibly stale instead of silently short.
 */
export const CHANNELS = ['store_code', 'staff_code', 'shared_card', 'group'] as const
export type KpiChannel = (typeof CHANNELS)[number]

export const TALLY_FIELDS = [
  'newFans',
  'visits',
  'groupJoins',
  'couponsIssued',
  'couponsRedeemed',
  'sales',
  'salesFen',
  'firstPurchases',
  'repurchases',
  'repurchaseFen',
  'byChannel.store_code',
  'byChannel.staff_code',
  'byChannel.shared_card',
  'byChannel.group'
] as const
export type TallyField = (typeof TALLY_FIELDS)[number]
export type Tally = number[]

/** Index of each field in a tally. */
export const T = Object.fromEntries(TALLY_FIELDS.map((f, i) => [f, i])) as Record<TallyField, number>
const CHANNEL_AT = CHANNELS.map((c) => T[`byChannel.${c}`])

export const emptyTally = (): Tally => new Array<number>(TALLY_FIELDS.length).fill(0)

export function addInto(acc: Tally, t: readonly number[]): Tally {
  for (let i = 0; i < acc.length; i++) acc[i] += t[i] ?? 0
  return acc
}

export const sumTallies = (ts: Iterable<readonly number[]>): Tally => {
  const acc = emptyTally()
  for (const t of ts) addInto(acc, t)
  return acc
}

/**
 * A counter row as stored. Every figure is optional: rows written before a field existed lack it, and
 * `_.inc` creates a missing field, so a missing value reads as 0.
 */
export interface CounterRow {
  _id: string
  dayKey: string
  storeId: string
  staffId: string
  newFans?: number
  visits?: number
  groupJoins?: number
  couponsIssued?: number
  couponsRedeemed?: number
  sales?: number
  salesFen?: number
  firstPurchases?: number
  repurchases?: number
  repurchaseFen?: number
  byChannel?: Partial<Record<KpiChannel, number>>
}

export function rowTally(row: CounterRow): Tally {
  const t = emptyTally()
  for (let i = 0; i < CHANNEL_AT[0]; i++) t[i] = Number(row[TALLY_FIELDS[i] as keyof CounterRow] ?? 0) || 0
  CHANNELS.forEach((c, k) => (t[CHANNEL_AT[k]] = Number(row.byChannel?.[c] ?? 0) || 0))
  return t
}

/** The counter row fields of a tally, as `update` data (byChannel nested so it merges by path). */
export function tallyRowFields(t: readonly number[]): Omit<CounterRow, '_id' | 'dayKey' | 'storeId' | 'staffId'> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < CHANNEL_AT[0]; i++) out[TALLY_FIELDS[i]] = t[i]
  out.byChannel = Object.fromEntries(CHANNELS.map((c, k) => [c, t[CHANNEL_AT[k]]]))
  return out as Omit<CounterRow, '_id' | 'dayKey' | 'storeId' | 'staffId'>
}

export interface Figures {
  newFans: number
  visits: number
  groupJoins: number
  couponsIssued: number
  couponsRedeemed: number
  sales: number
  salesFen: number
  firstPurchases: number
  repurchases: number
  repurchaseFen: number
  byChannel: Record<KpiChannel, number>
  /** repurchases ÷ purchases (first purchases + repurchases); null when there were none */
  repurchaseRate: number | null
}

/** Share of purchases that were a fan's second or later one. Rounded to 4 places so both sides compare exactly. */
export function repurchaseRate(firstPurchases: number, repurchases: number): number | null {
  const all = firstPurchases + repurchases
  return all > 0 ? Math.round((repurchases / all) * 10_000) / 10_000 : null
}

export function figures(t: readonly number[]): Figures {
  const out = tallyRowFields(t) as Omit<Figures, 'repurchaseRate'>
  return { ...out, repurchaseRate: repurchaseRate(t[T.firstPurchases], t[T.repurchases]) }
}
