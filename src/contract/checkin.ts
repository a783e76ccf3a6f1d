import { z } from 'zod'
import { AttributionPolicy } from './attribution'
import { Channel, CouponView, GroupEntry, Millis, StaffRef, StoreSummary } from './common'
import { input, type FunctionSpecs } from './spec'

/** Journeys 1–2: check-in by store or staff code, staff codes and fans, the attribution policy. */
export const checkinFunctions = {
  checkin: {
    access: 'anyone',
    summary: '扫码到店签到：成为粉丝、归属导购、发欢迎券',
    input: input({
      /** the decoded `scene` of a store or staff code, or of a shared card */
      scene: z.string().min(1).max(64),
      via: z.enum(['scan', 'share', 'link']).optional(),
      /** a coarse fingerprint of the phone (weapp only): many new fans from one device get flagged */
      device: z
        .string()
        .regex(/^[A-Za-z0-9_-]{6,40}$/)
        .optional()
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
    // `cursor` (from nextCursor) pages on (boundAt, memberCode), unique even when a transfer binds a batch
    // in one instant; `before` (boundAt alone) is kept for old clients and can skip such a batch.
    input: input({ before: Millis.optional(), cursor: z.string().max(64).optional(), limit: z.number().int().min(1).max(50).optional() }),
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
      nextBefore: Millis.nullable(),
      nextCursor: z.string().nullable()
    })
  },
  setAttributionPolicy: {
    access: 'manager',
    summary: '设置导购归属规则',
    input: input({ policy: AttributionPolicy }),
    output: z.object({ policy: AttributionPolicy })
  }
} as const satisfies FunctionSpecs
