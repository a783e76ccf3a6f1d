import { z } from 'zod'
import { Millis } from './common'
import { input, type FunctionSpecs } from './spec'

/** Journey 8, the shopper's side: see everything we keep about them, and leave. */
export const privacyFunctions = {
  myData: {
    access: 'anyone',
    summary: '导出我的数据（粉丝档案、到店、券、消费、社群）',
    input: input({}),
    output: z.object({ exportedAt: Millis })
  },
  deleteMyData: {
    access: 'anyone',
    summary: '删除我的数据：删除或匿名化粉丝档案、到店、券、消费，计数保持一致',
    /** an explicit confirmation, so that no accidental call deletes anything */
    input: input({ confirm: z.literal(true) }),
    output: z.object({ deleted: z.boolean() })
  }
} as const satisfies FunctionSpecs
