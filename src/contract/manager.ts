import { z } from 'zod'
import { AttributionPolicy } from './attribution'
import { Id } from './common'
import { input, type FunctionSpecs } from './spec'

/** Manager pages. */
export const managerFunctions = {
  managerOverview: {
    access: 'manager',
    summary: '店长总览：今日新粉、到店、门店',
    input: input({ storeId: Id.optional() }),
    output: z.object({
      dayKey: z.string(),
      stores: z.array(z.object({ storeId: Id, name: z.string(), newFansToday: z.number(), visitsToday: z.number(), fans: z.number() })),
      policy: AttributionPolicy
    })
  }
} as const satisfies FunctionSpecs
