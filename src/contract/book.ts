import { z } from 'zod'
import { CouponView, DayKey, Fen, Id, Millis } from './common'
import { input, type FunctionSpecs } from './spec'

/**
 * Journey 9: the staff member's customer book. A fan is named by their member code everywhere here,
 * never by their openid. Cursors are opaque strings the server made (keyset on unique keys).
 */
const MemberCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{10}$/, '会员码是 10 位字母或数字')
const Cursor = z.string().min(1).max(120)
const Nickname = z.string().trim().min(1).max(20)
export const Tag = z.string().trim().min(1).max(8)
const NoteText = z.string().trim().min(1).max(200)
const FileId = z.string().min(1).max(300)
/** base64 of a PNG or JPEG up to ~100 KB (H5 only: weapp uploads to cloud storage and sends a fileID) */
const AvatarBase64 = z
  .string()
  .max(140_000)
  .regex(/^[A-Za-z0-9+/=]+$/)

/** What the shopper chose to show their staff member; a field is null when not shared (or withdrawn). */
export const FanProfile = z.object({
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  phoneTail: z.string().nullable(),
  birthMonth: z.number().int().min(1).max(12).nullable()
})
export type FanProfile = z.infer<typeof FanProfile>

/** the rules' reasons (src/domain/follow-up.ts), and `manual`: a follow-up the staff member chose to make when nothing was due */
export const FollowUpReason = z.enum(['lapsed_60', 'lapsed_30', 'coupon_expiring', 'birthday', 'new_no_purchase', 'manual'])
export const DueReason = z.object({ reason: FollowUpReason, label: z.string() })

export const BookRow = FanProfile.extend({
  memberCode: z.string(),
  tags: z.array(z.string()),
  lastVisitAt: Millis,
  visits: z.number().int(),
  purchases: z.number().int(),
  totalFen: Fen,
  due: z.array(DueReason)
})
export type BookRow = z.infer<typeof BookRow>

export const FanNote = z.object({ noteId: z.string(), text: z.string(), by: z.string(), at: Millis })
export const FollowUpDone = z.object({
  reason: FollowUpReason,
  action: z.enum(['coupon', 'remind', 'done']),
  note: z.string(),
  by: z.string(),
  at: Millis
})

export const FanDetail = FanProfile.extend({
  memberCode: z.string(),
  store: z.string(),
  ownerStaff: z.string().nullable(),
  firstVisitAt: Millis,
  lastVisitAt: Millis,
  visits: z.number().int(),
  purchases: z.object({
    count: z.number().int(),
    totalFen: Fen,
    recent: z.array(z.object({ at: Millis, amountFen: Fen, store: z.string() }))
  }),
  coupons: z.object({
    held: z.number().int(),
    used: z.number().int(),
    expiring: z.array(z.object({ title: z.string(), validUntil: Millis }))
  }),
  groups: z.array(z.object({ name: z.string(), joinedAt: Millis })),
  tags: z.array(z.string()),
  notes: z.array(FanNote),
  /** more notes: fanNote with olderThan = this */
  notesNext: Cursor.nullable(),
  followUps: z.array(FollowUpDone),
  due: z.array(DueReason),
  reminderConsents: z.number().int(),
  /** templates a follow-up may hand this fan */
  templates: z.array(z.object({ templateId: Id, title: z.string() }))
})
export type FanDetail = z.infer<typeof FanDetail>

/** Coupon templates a staff member may hand out in a follow-up. */
export const FollowUpTemplate = z.object({ templateId: Id, title: z.string() })

/** Consent-gated fields and notes, as the fan's own export shows them. */
export const BookExport = z.object({
  profile: FanProfile,
  tags: z.array(z.string()),
  notes: z.array(z.object({ text: z.string(), at: Millis })),
  followUps: z.array(z.object({ reason: FollowUpReason, action: z.string(), note: z.string(), at: Millis }))
})
export type BookExport = z.infer<typeof BookExport>

const Rate = z.number().min(0).max(1).nullable()
const Cohort = z.object({ fans: z.number().int(), repurchased: z.number().int(), rate: Rate })

export const bookFunctions = {
  fanProfile: {
    access: 'anyone',
    summary: '顾客设置向导购展示的昵称、头像、手机尾号、生日月份（各自可选，null 为撤回）',
    input: input({
      nickname: Nickname.nullable().optional(),
      avatar: z
        .union([z.object({ fileId: FileId }).strict(), z.object({ base64: AvatarBase64 }).strict()])
        .nullable()
        .optional(),
      /** the cloudID of a fresh getPhoneNumber: only the last 4 digits are kept (and the number's hash, as bindPhone) */
      phoneTail: z
        .object({ cloudID: z.string().min(1).max(1024) })
        .strict()
        .nullable()
        .optional(),
      birthMonth: z.number().int().min(1).max(12).nullable().optional()
    }),
    output: FanProfile
  },
  fanBook: {
    access: 'staff',
    summary: '顾客名册：按昵称/会员码/手机尾号搜索，按标签、最近到店、消费、待跟进筛选（分页）',
    input: input({
      q: z.string().trim().min(1).max(20).optional(),
      tag: Tag.optional(),
      lastVisit: z.enum(['7d', '30d', 'over30d', 'over60d']).optional(),
      minSpendFen: Fen.optional(),
      due: z.literal(true).optional(),
      /** managers: another staff member's book, within the stores they manage */
      staffId: Id.optional(),
      after: Cursor.optional(),
      limit: z.number().int().min(1).max(50).optional()
    }),
    output: z.object({
      rows: z.array(BookRow),
      /** more to look at: call again with after = next (a page may hold fewer rows than the limit when filtered) */
      next: Cursor.nullable(),
      /** fans matching the search, tag and last-visit filters (spend and due are applied page by page) */
      total: z.number().int()
    })
  },
  fanDetail: {
    access: 'staff',
    summary: '顾客详情：其同意展示的信息、到店、消费、券、社群、标签与备注',
    input: input({ memberCode: MemberCode }),
    output: FanDetail
  },
  fanNote: {
    access: 'staff',
    summary: '给顾客打标签、写备注、删除备注',
    input: input({
      memberCode: MemberCode,
      tags: z.array(Tag).max(10).optional(),
      note: NoteText.optional(),
      removeNoteId: Id.optional(),
      /** read the notes older than this cursor (from notesNext); with nothing else given, writes nothing */
      olderThan: Cursor.optional()
    }),
    output: z.object({ tags: z.array(z.string()), notes: z.array(FanNote), notesNext: Cursor.nullable() })
  },
  followUps: {
    access: 'staff',
    summary: '今日待跟进：每位顾客及原因（分页）',
    input: input({ staffId: Id.optional(), after: Cursor.optional() }),
    output: z.object({
      dayKey: DayKey,
      rows: z.array(
        z.object({
          memberCode: z.string(),
          nickname: z.string().nullable(),
          avatarUrl: z.string().nullable(),
          lastVisitAt: Millis,
          reasons: z.array(DueReason),
          reminderConsents: z.number().int()
        })
      ),
      next: Cursor.nullable(),
      templates: z.array(FollowUpTemplate)
    })
  },
  followUpAction: {
    access: 'staff',
    summary: '跟进：发券（按模板规则）、发送订阅提醒（有授权时）、标记完成并备注',
    input: input({
      memberCode: MemberCode,
      action: z.enum(['coupon', 'remind', 'done']),
      templateId: Id.optional(),
      note: z.string().trim().max(200).optional(),
      requestId: Id
    }),
    output: z.object({
      /** follow-up reasons this action closed */
      closed: z.array(FollowUpReason),
      coupon: CouponView.nullable(),
      reminded: z.boolean()
    })
  },
  followUpStats: {
    access: 'manager',
    summary: '跟进统计：每位导购待跟进与已跟进数，跟进过的顾客与其他顾客的复购率',
    input: input({ storeId: Id.optional(), days: z.union([z.literal(7), z.literal(30), z.literal(90)]).optional() }),
    output: z.object({
      dayKey: DayKey,
      days: z.number().int(),
      staff: z.array(z.object({ staffId: Id, name: z.string(), storeId: Id, due: z.number().int(), done: z.number().int() })),
      followedUp: Cohort,
      rest: Cohort,
      /** a staff member's book was longer than one call reads: their due count is a lower bound */
      capped: z.boolean()
    })
  }
} as const satisfies FunctionSpecs
