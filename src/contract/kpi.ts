import { z } from 'zod'
import { DayKey, Id } from './common'
import { GroupShareView } from './groups'
import { input, type FunctionSpecs } from './spec'

const count = z.number().int()
const rate = z.number().nullable()

/** today / 7 / 30 China days ending today, or a custom from–to (at most 92 days, checked by the function). */
const rangeInput = {
  range: z.enum(['today', '7d', '30d', 'custom']),
  from: DayKey.optional(),
  to: DayKey.optional()
}
const SortKey = z.enum(['newFans', 'visits', 'couponsRedeemed', 'sales', 'salesFen', 'repurchaseRate'])

export const KpiFigures = z.object({
  newFans: count,
  visits: count,
  groupJoins: count,
  couponsIssued: count,
  couponsRedeemed: count,
  sales: count,
  salesFen: count,
  /** sales that were a fan's first purchase, and second or later ones (with their amount) */
  firstPurchases: count,
  repurchases: count,
  repurchaseFen: count,
  byChannel: z.object({ store_code: count, staff_code: count, shared_card: count, group: count }),
  /** repurchases ÷ (first purchases + repurchases); null without purchases */
  repurchaseRate: rate
})
export type KpiFigures = z.infer<typeof KpiFigures>

const DayFigures = KpiFigures.extend({ dayKey: DayKey })
const Range = z.object({ from: DayKey, to: DayKey, days: count })
const Funnel = z.array(z.object({ step: z.enum(['visit', 'fan', 'firstPurchase', 'repurchase']), label: z.string(), count, conversion: rate }))
export const LeaderRow = z.object({
  rank: count,
  staffId: Id,
  name: z.string(),
  storeId: Id,
  storeName: z.string(),
  newFans: count,
  visits: count,
  couponsRedeemed: count,
  sales: count,
  salesFen: count,
  repurchaseRate: rate
})
export type LeaderRow = z.infer<typeof LeaderRow>

/** Journey 7: KPI pages for managers and staff, read from daily counters. */
export const kpiFunctions = {
  kpiDashboard: {
    access: 'manager',
    summary: '数据看板：新粉、到店、券、销售、复购、漏斗、趋势、导购排行',
    input: input({ ...rangeInput, storeId: Id.optional(), sort: SortKey.optional(), limit: z.number().int().min(1).max(100).optional() }),
    output: z.object({
      range: Range,
      /** null: every store the manager may see */
      storeId: Id.nullable(),
      stores: z.array(z.object({ storeId: Id, name: z.string() })),
      totals: KpiFigures,
      funnel: Funnel,
      daily: z.array(DayFigures),
      leaderboard: z.object({ sort: SortKey, staffCount: count, rows: z.array(LeaderRow) }),
      /** fans of the store (or of every store in view) who joined its groups: all time, not the range */
      groupShare: GroupShareView
    })
  },
  staffKpi: {
    access: 'staff',
    summary: '我的业绩：本人的新粉、核销、销售、复购，以及在门店的排名',
    input: input({ ...rangeInput, sort: SortKey.optional() }),
    output: z.object({
      range: Range,
      staff: z.object({ staffId: Id, name: z.string(), storeId: Id, storeName: z.string() }),
      totals: KpiFigures,
      funnel: Funnel,
      daily: z.array(DayFigures),
      rank: z.object({ sort: SortKey, position: count, of: count })
    })
  },
  rebuildCounters: {
    access: 'manager',
    summary: '从事件重算每日计数器，报告偏差（dryRun 只核对不写入）',
    input: input({ from: DayKey, to: DayKey, storeId: Id.optional(), dryRun: z.boolean().optional() }),
    output: z.object({
      from: DayKey,
      to: DayKey,
      dryRun: z.boolean(),
      events: z.record(z.string(), count),
      rowsCompared: count,
      rowsDrifted: count,
      rowsWritten: count,
      /** per field: rows that differ, and the field's total as stored and as counted from events */
      drift: z.array(z.object({ field: z.string(), rows: count, stored: count, counted: count })),
      samples: z.array(z.object({ rowId: z.string(), field: z.string(), stored: count, counted: count }))
    })
  },
  exportKpiCsv: {
    access: 'manager',
    summary: '导出导购排行或每日数据为 CSV（小程序上传到云存储并返回下载链接）',
    input: input({ ...rangeInput, storeId: Id.optional(), sort: SortKey.optional(), table: z.enum(['leaderboard', 'daily']), upload: z.boolean().optional() }),
    output: z.object({ filename: z.string(), rows: count, csv: z.string().nullable(), url: z.string().nullable() })
  }
} as const satisfies FunctionSpecs
