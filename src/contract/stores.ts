import { z } from 'zod'
import { Id, StoreSummary } from './common'
import { input, type FunctionSpecs } from './spec'

/** A store as its managers see it: where it is (GCJ-02, as WeChat's map picker gives) and whether shoppers see it. */
export const StoreAdminRow = StoreSummary.extend({
  longitude: z.number(),
  latitude: z.number(),
  /** false: hidden from the nearby page and the store list, and its codes no longer check in */
  active: z.boolean()
})
export type StoreAdminRow = z.infer<typeof StoreAdminRow>

/** What a manager types into the store form; every field optional for an edit. */
export const StoreFields = {
  name: z.string().trim().min(1).max(30),
  city: z.string().trim().min(1).max(20),
  address: z.string().trim().min(1).max(100),
  longitude: z.number().finite().min(-180).max(180),
  latitude: z.number().finite().min(-90).max(90),
  /** the format the nearby page's "open now" reads (src/domain/geo.ts parseHours); the function checks it */
  hours: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(3).max(20)
}

/** Journey 5, the manager's side: the brand's stores, with their location, hours and phone. */
export const storeFunctions = {
  storeAdmin: {
    access: 'manager',
    summary: '门店管理列表（含坐标、营业时间、电话、停用门店）',
    input: input({}),
    output: z.object({
      /** only a brand manager (every store in scope) may add stores */
      canCreate: z.boolean(),
      /** the stores in the caller's scope, inactive ones included */
      stores: z.array(StoreAdminRow)
    })
  },
  saveStore: {
    access: 'manager',
    summary: '新增或修改门店（地址、坐标、营业时间、电话）',
    /**
     * Absent storeId: a new store (brand managers only; every field but `active` is required, checked by
     * the function so the answer can name what is missing). Otherwise only the fields given change;
     * longitude and latitude go together.
     */
    input: input({
      storeId: Id.optional(),
      name: StoreFields.name.optional(),
      city: StoreFields.city.optional(),
      address: StoreFields.address.optional(),
      longitude: StoreFields.longitude.optional(),
      latitude: StoreFields.latitude.optional(),
      hours: StoreFields.hours.optional(),
      phone: StoreFields.phone.optional(),
      active: z.boolean().optional()
    }),
    output: z.object({ storeId: Id, created: z.boolean(), store: StoreAdminRow })
  }
} as const satisfies FunctionSpecs
