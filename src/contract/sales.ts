import { z } from 'zod'
import { Fen, Id, Millis } from './common'
import { input, type FunctionSpecs } from './spec'

/** Member codes as typed at the till; the server upper-cases them. */
const MemberCode = z.string().trim().min(4).max(16)
/** A POS order id: printable, no operators; hashed into the sale's _id. */
const OrderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/)
const SaleSource = z.enum(['coupon', 'staff', 'pos'])

export const SaleResult = z.object({
  saleId: z.string(),
  memberCode: z.string(),
  amountFen: Fen,
  at: Millis,
  /** the fan's second or later purchase */
  repurchase: z.boolean(),
  /** false: this request (or order id) was recorded before; the answer is that sale */
  created: z.boolean()
})
export type SaleResult = z.infer<typeof SaleResult>

/** The JSON body a POS signs and posts to the posSale HTTP trigger (see README). */
export const PosSaleBody = input({
  orderId: OrderId,
  storeId: Id,
  amountFen: Fen.min(1, '消费金额须大于 0'),
  memberCode: MemberCode.optional(),
  /** a phone number the fan bound on the 我的 page (bindPhone) */
  phone: z
    .string()
    .regex(/^\+?\d{6,15}$/)
    .optional(),
  /** the cashier, if the POS knows our staff id */
  staffId: Id.optional()
}).refine((b) => (b.memberCode === undefined) !== (b.phone === undefined), { message: '会员码和手机号须二选一' })

const Rate = z.number().min(0).max(1).nullable()
export const CohortRow = z.object({
  cohort: z.string(),
  fans: z.number().int(),
  repurchased: z.number().int(),
  /** share of eligible fans (window already over) who bought again within 30/60/90 days; null: none eligible */
  rate30: Rate,
  rate60: Rate,
  rate90: Rate
})
export const StaffCredit = z.object({
  staffId: Id,
  name: z.string(),
  role: z.enum(['owner', 'serving']),
  sales: z.number().int(),
  salesFen: z.number().int(),
  repurchases: z.number().int(),
  repurchaseFen: z.number().int()
})

/** Journey 6: sales tied to fans, repurchase figures, win-back. */
export const salesFunctions = {
  recordSale: {
    access: 'staff',
    summary: '导购按会员码记录一笔消费（同一请求只记一次）',
    input: input({ memberCode: MemberCode, amountFen: Fen.min(1, '消费金额须大于 0'), requestId: Id }),
    output: SaleResult
  },
  posSale: {
    access: 'anyone',
    summary: 'POS 推送消费（仅 HTTP 触发、HMAC 签名；云调用一律拒绝）',
    input: PosSaleBody,
    output: SaleResult
  },
  purchaseHistory: {
    access: 'anyone',
    summary: '我的消费记录（最近 50 笔）',
    input: input({}),
    output: z.object({
      purchases: z.number().int(),
      /** of the rows listed */
      totalFen: z.number().int(),
      rows: z.array(z.object({ saleId: z.string(), at: Millis, amountFen: Fen, storeName: z.string(), source: SaleSource, repurchase: z.boolean() }))
    })
  },
  repurchaseStats: {
    access: 'manager',
    summary: '复购分析：按首购周/月分组的 30/60/90 天复购率、二购中位天数、导购业绩',
    input: input({ storeId: Id.optional(), cohort: z.enum(['week', 'month']).optional() }),
    output: z.object({
      fans: z.number().int(),
      repurchasers: z.number().int(),
      sales: z.number().int(),
      salesFen: z.number().int(),
      repurchases: z.number().int(),
      repurchaseFen: z.number().int(),
      /** repurchasers / fans, whatever the window */
      repurchaseRate: Rate,
      medianDaysToSecond: z.number().nullable(),
      cohorts: z.array(CohortRow),
      staff: z.array(StaffCredit),
      /** more sales than one answer reads: figures cover the oldest ones read */
      truncated: z.boolean()
    })
  },
  runWinBack: {
    access: 'manager',
    summary: '召回：给超过 N 天未再消费的粉丝发召回券（每次流失一张），可试运行',
    /** lapseDays, when given on a real run, becomes the brand's setting used by the daily timer */
    input: input({ dryRun: z.boolean().optional(), lapseDays: z.number().int().min(7).max(365).optional() }),
    output: z.object({
      runId: z.string().nullable(),
      lapseDays: z.number().int(),
      templateId: z.string().nullable(),
      scanned: z.number().int(),
      lapsed: z.number().int(),
      issued: z.number().int(),
      alreadyIssued: z.number().int(),
      refused: z.number().int(),
      messaged: z.number().int(),
      /** fans whose coupon or reminder failed (recorded per fan; the run went on) */
      failed: z.number().int(),
      /** false when the run stopped at its time budget: run again (or let the timer) to go on */
      complete: z.boolean()
    })
  },
  bindPhone: {
    access: 'anyone',
    summary: '绑定手机号（微信授权），收银系统可凭手机号记录消费',
    input: input({ cloudID: z.string().min(1).max(1024) }),
    output: z.object({ masked: z.string() })
  },
  subscribeWinBack: {
    access: 'anyone',
    summary: '记录顾客同意接收一次召回提醒（订阅消息，一次同意一条）',
    input: input({ accepted: z.boolean() }),
    output: z.object({ balance: z.number().int() })
  }
} as const satisfies FunctionSpecs
