import { z } from 'zod'
import type { Access } from './roles'
import { AttributionPolicy } from './attribution'
import { Channel, CouponView, GroupEntry, Id, Millis, StaffRef, StoreSummary } from './common'

/** Inputs are strict: an unexpected field is an error, not something silently ignored. */
const input = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict()

/**
 * Every cloud function: who may call it, what it takes, what it answers. The client API, the
 * functions' input validation and the authorization test all read this one object.
 */
export const contract = {
  session: {
    access: 'anyone',
    summary: '当前用户的身份（顾客/导购/店长）与概况',
    input: input({}),
    output: z.object({
      role: z.enum(['shopper', 'staff', 'manager']),
      staff: z.object({ staffId: Id, name: z.string(), storeId: Id, storeName: z.string() }).nullable(),
      fan: z
        .object({ memberCode: z.string(), visits: z.number(), ownerStaff: StaffRef.nullable(), since: Millis })
        .nullable()
    })
  },
  storeList: {
    access: 'anyone',
    summary: '门店列表（按城市）',
    input: input({ city: z.string().min(1).max(20).optional() }),
    output: z.object({ brandName: z.string(), stores: z.array(StoreSummary) })
  },
  checkin: {
    access: 'anyone',
    summary: '扫码到店签到：成为粉丝、归属导购、发欢迎券',
    input: input({
      /** the decoded `scene` of a store or staff code, or of a shared card */
      scene: z.string().min(1).max(64),
      via: z.enum(['scan', 'share', 'link']).optional()
    }),
    output: z.object({
      isNewFan: z.boolean(),
      store: StoreSummary,
      servingStaff: StaffRef.nullable(),
      ownerStaff: StaffRef.nullable(),
      bindingChanged: z.boolean(),
      channel: Channel,
      visitCount: z.number().int(),
      couponsIssued: z.array(CouponView),
      group: GroupEntry.nullable()
    })
  },
  staffCode: {
    access: 'staff',
    summary: '导购的个人二维码（scene、分享路径、图片）',
    input: input({}),
    output: z.object({
      scene: z.string(),
      path: z.string(),
      qrUrl: z.string(),
      staffName: z.string(),
      storeName: z.string()
    })
  },
  myFans: {
    access: 'staff',
    summary: '我的粉丝（最新在前，分页）',
    input: input({ before: Millis.optional(), limit: z.number().int().min(1).max(50).optional() }),
    output: z.object({
      total: z.number().int(),
      fans: z.array(
        z.object({
          memberCode: z.string(),
          since: Millis,
          lastVisitAt: Millis,
          visits: z.number().int(),
          channel: Channel
        })
      ),
      nextBefore: Millis.nullable()
    })
  },
  managerOverview: {
    access: 'manager',
    summary: '店长总览：今日新粉、到店、门店',
    input: input({ storeId: Id.optional() }),
    output: z.object({
      dayKey: z.string(),
      stores: z.array(
        z.object({ storeId: Id, name: z.string(), newFansToday: z.number(), visitsToday: z.number(), fans: z.number() })
      ),
      policy: AttributionPolicy
    })
  },
  setAttributionPolicy: {
    access: 'manager',
    summary: '设置导购归属规则',
    input: input({ policy: AttributionPolicy }),
    output: z.object({ policy: AttributionPolicy })
  }
} as const satisfies Record<string, { access: Access; summary: string; input: z.ZodTypeAny; output: z.ZodTypeAny }>

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type InputOf<N extends FunctionName> = z.input<Contract[N]['input']>
export type OutputOf<N extends FunctionName> = z.infer<Contract[N]['output']>
export const FUNCTION_NAMES = Object.keys(contract) as FunctionName[]
