import { z } from 'zod'
import { CouponView, Fen, Id, Millis, StaffRef } from './common'
import { input, type FunctionSpecs } from './spec'

/** What a typed or scanned till code may look like before the server normalizes it (O→0, I/L→1). */
const TillCode = z.string().trim().min(4).max(32)

export const RedeemRefusal = z.enum(['used', 'expired', 'not_started', 'paused', 'store_not_accepted', 'threshold'])
export type RedeemRefusal = z.infer<typeof RedeemRefusal>

export const WalletCoupon = CouponView.extend({
  redeemedAt: Millis.nullable(),
  /** names of the stores that accept it; null = every store of the brand */
  storeNames: z.array(z.string()).nullable(),
  /** its template is paused: shown, but not redeemable for now */
  paused: z.boolean()
})
export type WalletCoupon = z.infer<typeof WalletCoupon>

export const TemplateFields = z
  .object({
    title: z.string().trim().min(1).max(30),
    kind: z.enum(['amount_off', 'percent_off', 'gift']),
    /** fen off, percent to pay (90 = 9折, 10..99), or 0 for a gift */
    value: z.number().int().nonnegative().max(100_000_000),
    thresholdFen: Fen,
    validity: z.discriminatedUnion('type', [
      z.object({ type: z.literal('days'), days: z.number().int().min(1).max(3650) }).strict(),
      z.object({ type: z.literal('fixed'), from: Millis, until: Millis }).strict()
    ]),
    stock: z.number().int().min(1).max(10_000_000).nullable(),
    perFanLimit: z.number().int().min(1).max(100),
    trigger: z.enum(['welcome', 'group_join', 'win_back', 'manual']),
    storeIds: z.array(Id).min(1).max(100).nullable(),
    paused: z.boolean()
  })
  .strict()
export type TemplateFields = z.infer<typeof TemplateFields>

export const TemplateView = TemplateFields.extend({ templateId: Id, issued: z.number().int(), redeemed: z.number().int() })
export type TemplateView = z.infer<typeof TemplateView>

const Redemption = z.object({ redemptionId: Id, at: Millis, staffName: z.string(), storeName: z.string() })

/** Journey 3: coupon templates, the shopper's wallet, redemption at the till. */
export const couponFunctions = {
  wallet: {
    access: 'anyone',
    summary: '我的优惠券：可使用 / 已使用 / 已过期',
    input: input({}),
    output: z.object({
      usable: z.array(WalletCoupon),
      used: z.array(WalletCoupon),
      expired: z.array(WalletCoupon),
      /** more than the newest 100 exist; older ones are not listed */
      truncated: z.boolean()
    })
  },
  couponPreview: {
    access: 'staff',
    summary: '核销前查看券：券、顾客、能否在本店使用',
    input: input({ code: TillCode, amountFen: Fen.optional() }),
    output: z.object({
      coupon: WalletCoupon,
      fan: z.object({ memberCode: z.string(), visits: z.number().int(), ownerStaff: StaffRef.nullable() }).nullable(),
      storeName: z.string(),
      usable: z.boolean(),
      reason: RedeemRefusal.nullable(),
      message: z.string(),
      lastRedemption: Redemption.nullable()
    })
  },
  redeemCoupon: {
    access: 'staff',
    summary: '核销优惠券（恰好一次），可带消费金额',
    /** with an amount the redemption also records a sale */
    input: input({ code: TillCode, amountFen: Fen.min(1, '消费金额须大于 0').optional() }),
    output: z.object({ redemptionId: Id, coupon: CouponView, amountFen: Fen.nullable(), saleRecorded: z.boolean(), at: Millis, undoUntil: Millis })
  },
  undoRedemption: {
    access: 'staff',
    summary: '撤销核销（本人、5 分钟内）',
    input: input({ redemptionId: Id }),
    output: z.object({ coupon: CouponView, undoneAt: Millis })
  },
  couponTemplates: {
    access: 'manager',
    summary: '券模板列表',
    input: input({}),
    output: z.object({ templates: z.array(TemplateView), stores: z.array(z.object({ storeId: Id, name: z.string() })) })
  },
  saveCouponTemplate: {
    access: 'manager',
    summary: '新建或修改券模板（含暂停）；已发出的券不变',
    input: input({ templateId: Id.optional(), template: TemplateFields }),
    output: z.object({ template: TemplateView })
  },
  issueCoupon: {
    access: 'manager',
    summary: '按会员码给顾客手动发券（同一请求只发一次）',
    input: input({
      templateId: Id,
      memberCode: z.string().trim().min(4).max(16),
      /** one id per issuing intent (e.g. per form open): a repeated request answers the same coupon */
      requestId: Id
    }),
    output: z.object({ coupon: CouponView, created: z.boolean() })
  }
} as const satisfies FunctionSpecs
