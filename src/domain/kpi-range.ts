import { CHINA_OFFSET_MS, chinaDayKey, chinaDayKeyStart, DAY_MS } from './china-time'

export type RangePreset = 'today' | '7d' | '30d' | 'custom'
export const MAX_RANGE_DAYS = 92
const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 }

/** Days since 1970-01-01 on the China calendar: consecutive China days differ by exactly 1. */
export const dayNumber = (dayKey: string): number => Math.round((chinaDayKeyStart(dayKey) + CHINA_OFFSET_MS) / DAY_MS)
export const dayKeyOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10)
export const todayNumber = (now: number): number => dayNumber(chinaDayKey(now))

export interface DayRange {
  from: string
  to: string
  days: string[]
}

export interface RangeQuery {
  range: RangePreset
  from?: string
  to?: string
}

const isRealDay = (k: string) => /^\d{4}-\d{2}-\d{2}$/.test(k) && dayKeyOfNumber(dayNumber(k)) === k

/** The China days a request covers, ending today for the presets; an error text for a bad custom range. */
export function resolveRange(q: RangeQuery, now: number): DayRange | { error: string } {
  const today = todayNumber(now)
  let from: number
  let to: number
  if (q.range !== 'custom') {
    if (q.from !== undefined || q.to !== undefined) return { error: '只有自定义范围可以指定起止日期' }
    to = today
    from = today - PRESET_DAYS[q.range] + 1
  } else {
    if (!q.from || !q.to || !isRealDay(q.from) || !isRealDay(q.to)) return { error: '请选择有效的开始和结束日期' }
    from = dayNumber(q.from)
    to = dayNumber(q.to)
    if (from > to) return { error: '开始日期不能晚于结束日期' }
    if (to > today) return { error: '结束日期不能晚于今天' }
    if (to - from + 1 > MAX_RANGE_DAYS) return { error: `日期范围最多 ${MAX_RANGE_DAYS} 天` }
  }
  const days = Array.from({ length: to - from + 1 }, (_, i) => dayKeyOfNumber(from + i))
  return { from: days[0], to: days[days.length - 1], days }
}

/**
 * A redemption can be undone for 5 minutes, and the undo decrements the row of the redemption's own
 * day; so a day's counters are final only some time after its midnight.
 */
export const CLOSE_GRACE_MS = 15 * 60_000
export const lastClosedDay = (now: number): number => todayNumber(now - CLOSE_GRACE_MS) - 1

/** Rollup blocks are aligned power-of-two runs of days: 2^level days starting at a multiple of 2^level. */
export interface Block {
  level: number
  start: number
}
export const MAX_BLOCK_LEVEL = 6
export const blockDays = (b: Block): number => 2 ** b.level
export const blockId = (b: Block): string => `b${b.level}.${dayKeyOfNumber(b.start)}`
export const blockChildren = (b: Block): Block[] => [
  { level: b.level - 1, start: b.start },
  { level: b.level - 1, start: b.start + 2 ** (b.level - 1) }
]

/**
 * Splits [from, to] into the fewest aligned blocks of closed days (at most about 2·log2 of the length,
 * 9 for 30 days) plus the open days after `closedThrough`, which are read from live counter rows.
 */
export function coverRange(from: number, to: number, closedThrough: number): { blocks: Block[]; openDays: number[] } {
  const blocks: Block[] = []
  const end = Math.min(to, closedThrough)
  let p = from
  while (p <= end) {
    let k = MAX_BLOCK_LEVEL
    while (k > 0 && (p % 2 ** k !== 0 || p + 2 ** k - 1 > end)) k--
    blocks.push({ level: k, start: p })
    p += 2 ** k
  }
  const openDays: number[] = []
  for (let d = Math.max(from, closedThrough + 1); d <= to; d++) openDays.push(d)
  return { blocks, openDays }
}

/** Every block that includes `day`: what must be dropped when that day's counters are rewritten. */
export function blocksContaining(day: number): Block[] {
  return Array.from({ length: MAX_BLOCK_LEVEL + 1 }, (_, level) => ({ level, start: day - (day % 2 ** level) }))
}
