import { z } from 'zod'
import { BookExport } from './book'
import { Channel, Fen, Millis } from './common'
import { input, type FunctionSpecs } from './spec'

/** Each list holds at most this many rows (newest first); `total` counts them all. */
export const MY_DATA_CAP = 200

const list = <T extends z.ZodTypeAny>(row: T) => z.object({ total: z.number().int().nonnegative(), rows: z.array(row), truncated: z.boolean() })
/** Stores, staff and groups by name (their id when the name is gone): an export is read by a person. */
const Name = z.string()

export const MyData = z.object({
  exportedAt: Millis,
  cap: z.number().int(),
  fan: z
    .object({
      memberCode: z.string(),
      channel: Channel,
      firstStore: Name,
      lastStore: Name,
      capturingStaff: Name.nullable(),
      ownerStaff: Name.nullable(),
      boundAt: Millis.nullable(),
      createdAt: Millis,
      lastVisitAt: Millis,
      visits: z.number().int()
    })
    .nullable(),
  /** an employee's own staff record: shown, and kept by deleteMyData (it is their job, not their shopping) */
  staff: z.object({ name: z.string(), store: Name, role: z.enum(['staff', 'manager']) }).nullable(),
  visits: list(z.object({ at: Millis, store: Name, servingStaff: Name.nullable(), channel: Channel })),
  coupons: list(
    z.object({
      title: z.string(),
      code: z.string(),
      state: z.enum(['usable', 'used', 'expired']),
      issuedAt: Millis,
      validUntil: Millis,
      redeemedAt: Millis.nullable(),
      occasion: z.string()
    })
  ),
  redemptions: list(z.object({ at: Millis, store: Name, amountFen: Fen.nullable(), undone: z.boolean() })),
  sales: list(z.object({ at: Millis, store: Name, amountFen: Fen, source: z.enum(['coupon', 'staff', 'pos']) })),
  bindingEvents: list(z.object({ at: Millis, store: Name, from: Name.nullable(), to: Name.nullable(), reason: z.string() })),
  groupJoins: list(z.object({ joinedAt: Millis, group: Name, store: Name })),
  /** WeChat groups the shopper opened one of our cards in */
  groupSightings: list(z.object({ firstSeenAt: Millis, lastSeenAt: Millis, group: Name.nullable() })),
  /** only whether a phone is bound: the number itself is stored nowhere, only its hash */
  phoneBound: z.boolean(),
  /** win-back reminder consents held (one message each) */
  reminderConsents: z.number().int(),
  /** the customer book: consented fields, staff tags, notes and follow-ups (src/functions/_lib/book-export.ts) */
  book: BookExport,
  /** the same, as a person reads it (Chinese labels, China-time dates): what the downloaded file holds */
  readable: z.record(z.unknown()).optional()
})
export type MyData = z.infer<typeof MyData>

export const DeleteOutcome = z.object({
  /** this call found something to delete or anonymise; false once everything is gone */
  deleted: z.boolean(),
  /** nothing of the caller's is left; false when the call ran out of time: call again to finish */
  complete: z.boolean(),
  /** records kept for the store's figures but re-owned by an unlinkable id */
  anonymised: z.number().int(),
  removed: z.number().int()
})
export type DeleteOutcome = z.infer<typeof DeleteOutcome>

/** Journey 8, the shopper's side: see everything we keep about them, and leave. */
export const privacyFunctions = {
  myData: {
    access: 'anyone',
    summary: '导出我的数据（粉丝档案、到店、券、消费、社群）',
    input: input({}),
    output: MyData
  },
  deleteMyData: {
    access: 'anyone',
    summary: '删除我的数据：删除或匿名化粉丝档案、到店、券、消费，计数保持一致',
    /** an explicit confirmation, so that no accidental call deletes anything */
    input: input({ confirm: z.literal(true) }),
    output: DeleteOutcome
  }
} as const satisfies FunctionSpecs
