import { z } from 'zod'
import { Channel, CouponView, DayKey, GroupEntry, Id, Millis, StoreSummary } from './common'
import { input, type FunctionSpecs } from './spec'

/** base64 of an image up to ~200 KB (the function checks the decoded size and the PNG/JPEG signature). */
const ImageBase64 = z
  .string()
  .min(16)
  .max(280_000)
  .regex(/^[A-Za-z0-9+/=]+$/, '图片须为 base64')
/** weapp uploads from the client with Taro.cloud.uploadFile and sends the fileID instead. */
const FileId = z.string().regex(/^cloud:\/\/[\w./-]{1,240}$/, '不是云存储文件 ID')

export const GroupRow = GroupEntry.extend({
  capacity: z.number().int(),
  members: z.number().int(),
  full: z.boolean(),
  usable: z.boolean(),
  daysLeft: z.number().int(),
  /** members / capacity, 0..1: our join count, so an estimate of the real group's fill */
  fill: z.number(),
  /** a real WeChat group (openGId) has been linked through a share ticket */
  linked: z.boolean()
})
export type GroupRow = z.infer<typeof GroupRow>

/**
 * Share of a store's fans who joined one of its groups (see src/domain/group-share.ts): fans = fans whose
 * first check-in was at the store (as the overview counts them); members = those of them who joined any
 * of the store's groups, once each. Over several stores both are summed.
 */
export const GroupShareView = z.object({ members: z.number().int(), fans: z.number().int(), share: z.number().min(0).max(1).nullable() })

export const GroupWarningView = z.object({ kind: z.enum(['none_usable', 'expiring']), lastExpiresAt: Millis.nullable() })

/** A platform-replaced wx.cloud.CloudID field: `{ cloudID, data }`. */
const ReplacedCloudId = z.object({ cloudID: z.string().max(1000), data: z.object({ opengid: z.string().min(1).max(128) }).passthrough() })

/** Journey 4: community groups (社群): group entry codes, joins, openGId links. */
export const groupFunctions = {
  groupEntry: {
    access: 'anyone',
    summary: '加入门店社群：当前可用的群二维码（无可用时给门店电话）',
    /** without a store: the store of the shopper's latest check-in */
    input: input({ storeId: Id.optional() }),
    output: z.object({
      store: StoreSummary,
      group: GroupEntry.nullable(),
      joined: z.object({ groupId: Id, joinedAt: Millis }).nullable()
    })
  },
  joinGroup: {
    access: 'anyone',
    summary: '“我已入群”：记录入群（每位粉丝每个群一次）并发进群礼券（一次）',
    input: input({ groupId: Id }),
    output: z.object({ created: z.boolean(), channel: Channel, coupon: CouponView.nullable() })
  },
  groupCodes: {
    access: 'manager',
    summary: '门店社群活码列表：剩余天数、估计满员度、到期提醒',
    input: input({ storeId: Id.optional() }),
    output: z.object({
      storeId: Id,
      stores: z.array(z.object({ storeId: Id, name: z.string() })),
      groups: z.array(GroupRow),
      /** joins recorded on the codes listed (a fan in two groups counts twice) */
      members: z.number().int(),
      groupShare: GroupShareView,
      warning: GroupWarningView.nullable()
    })
  },
  saveGroupCode: {
    access: 'manager',
    summary: '上传或修改群二维码（有效期、容量、标记已满）',
    input: input({
      storeId: Id,
      /** absent: a new group (name, validUntil, capacity and an image are then required) */
      groupId: Id.optional(),
      name: z.string().trim().min(1).max(30).optional(),
      /** the last China day the QR is valid on */
      validUntil: DayKey.optional(),
      capacity: z.number().int().min(1).max(500).optional(),
      full: z.boolean().optional(),
      image: z.union([z.object({ base64: ImageBase64 }).strict(), z.object({ fileId: FileId }).strict()]).optional()
    }),
    output: z.object({ group: GroupRow })
  },
  linkGroupTicket: {
    access: 'anyone',
    summary: '从群内卡片打开：解析 openGId，记录该粉丝在这个真实群里；店员可把群关联到门店社群',
    input: input({
      /** the cloudID from getGroupEnterInfo, or the same field already replaced by the platform */
      ticket: z.union([z.string().min(1).max(1000), ReplacedCloudId]),
      /** staff or managers of the group's store: link this WeChat group to it */
      groupId: Id.optional()
    }),
    output: z.object({ seen: z.boolean(), linkedGroup: z.object({ groupId: Id, name: z.string(), storeId: Id }).nullable() })
  }
} as const satisfies FunctionSpecs
