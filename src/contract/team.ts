import { z } from 'zod'
import { DayKey, Id, Millis } from './common'
import { input, type FunctionSpecs } from './spec'

const TeamMember = z.object({
  staffId: Id,
  name: z.string(),
  storeId: Id,
  role: z.enum(['staff', 'manager']),
  active: z.boolean(),
  fans: z.number().int(),
  /** a manager of the whole brand (品牌运营), not of one store (店长) */
  brandWide: z.boolean().optional()
})

/** A staff code whose new fans looked manufactured; those fans are held with the store until reviewed. */
export const CodeFlagView = z.object({
  flagId: z.string(),
  staffId: Id,
  staffName: z.string(),
  dayKey: DayKey,
  reasons: z.array(z.enum(['burst', 'same_device'])),
  held: z.number().int(),
  firstAt: Millis,
  lastAt: Millis,
  status: z.enum(['open', 'approved', 'rejected'])
})
export type CodeFlagView = z.infer<typeof CodeFlagView>

/** Journey 2, the manager's side: store codes, revoking a staff member's codes, handing over their fans. */
export const teamFunctions = {
  teamList: {
    access: 'manager',
    summary: '门店团队（导购、店长）及各自粉丝数',
    input: input({ storeId: Id.optional() }),
    output: z.object({
      members: z.array(TeamMember),
      /** flagged staff codes of the last 30 days, open ones first */
      flags: z.array(CodeFlagView)
    })
  },
  reviewCodeFlag: {
    access: 'manager',
    summary: '处理异常导购码：确认计入（粉丝归该导购）或不计入（留在门店）',
    input: input({
      flagId: z
        .string()
        .max(80)
        .regex(/^flag\.[A-Za-z0-9_-]+\.\d{4}-\d{2}-\d{2}$/),
      decision: z.enum(['approve', 'reject'])
    }),
    output: z.object({ flag: CodeFlagView, moved: z.number().int() })
  },
  storeCode: {
    access: 'manager',
    summary: '门店二维码（scene 与图片）',
    input: input({ storeId: Id }),
    output: z.object({ scene: z.string(), qrUrl: z.string(), storeName: z.string(), /** for the printed poster */ brandName: z.string().optional() })
  },
  revokeStaffCode: {
    access: 'manager',
    summary: '作废导购已发出的全部二维码（换新码）',
    input: input({ staffId: Id }),
    output: z.object({ staffId: Id, codeVersion: z.number().int() })
  },
  transferFans: {
    access: 'manager',
    summary: '导购离职：把其粉丝转给另一位导购或门店（分批）',
    input: input({ fromStaffId: Id, toStaffId: Id.nullable(), deactivate: z.boolean().optional() }),
    output: z.object({ moved: z.number().int(), remaining: z.number().int() })
  },
  updateMember: {
    access: 'manager',
    summary: '调整导购或店长的门店、角色（仅品牌运营；换店后旧二维码作废）',
    input: input({ staffId: Id, storeId: Id, role: z.enum(['staff', 'manager']) }),
    output: z.object({
      staffId: Id,
      storeId: Id,
      role: z.enum(['staff', 'manager']),
      codeVersion: z.number().int(),
      /** false when the person already had this store and role: nothing was written */
      changed: z.boolean()
    })
  }
} as const satisfies FunctionSpecs
