import { z } from 'zod'
import { Id, StaffRef, Millis, StoreSummary } from './common'
import { input, type FunctionSpecs } from './spec'

/** Identity and the brand's stores: what every page needs first. */
export const coreFunctions = {
  session: {
    access: 'anyone',
    summary: '当前用户的身份（顾客/导购/店长）与概况',
    input: input({}),
    output: z.object({
      role: z.enum(['shopper', 'staff', 'manager']),
      staff: z
        .object({
          staffId: Id,
          name: z.string(),
          storeId: Id,
          storeName: z.string(),
          /** the stores this person may manage (a staff member: their own); null = the whole brand */
          manages: z.array(Id).nullable().optional()
        })
        .nullable(),
      fan: z
        .object({
          memberCode: z.string(),
          visits: z.number(),
          ownerStaff: StaffRef.nullable(),
          since: Millis,
          /** a phone is bound (bindPhone): the till finds the fan by it */
          phoneBound: z.boolean().optional()
        })
        .nullable()
    })
  },
  storeList: {
    access: 'anyone',
    summary: '门店列表（按城市）',
    input: input({ city: z.string().min(1).max(20).optional() }),
    output: z.object({ brandName: z.string(), stores: z.array(StoreSummary) })
  }
} as const satisfies FunctionSpecs
