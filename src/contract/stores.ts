import { z } from 'zod'
import { Id } from './common'
import { input, type FunctionSpecs } from './spec'

/** Journey 5, the manager's side: the brand's stores, with their location, hours and phone. */
export const storeFunctions = {
  storeAdmin: {
    access: 'manager',
    summary: '门店管理列表（含坐标、营业时间、电话、停用门店）',
    input: input({}),
    output: z.object({ stores: z.array(z.object({ storeId: Id })) })
  },
  saveStore: {
    access: 'manager',
    summary: '新增或修改门店（地址、坐标、营业时间、电话）',
    /** absent storeId: a new store (then every field is required, checked by the function) */
    input: input({
      storeId: Id.optional(),
      name: z.string().trim().min(1).max(30).optional(),
      city: z.string().trim().min(1).max(20).optional(),
      address: z.string().trim().min(1).max(100).optional(),
      longitude: z.number().finite().min(-180).max(180).optional(),
      latitude: z.number().finite().min(-90).max(90).optional(),
      hours: z.string().trim().min(1).max(40).optional(),
      phone: z.string().trim().min(3).max(20).optional(),
      active: z.boolean().optional()
    }),
    output: z.object({ storeId: Id })
  }
} as const satisfies FunctionSpecs
