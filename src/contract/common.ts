import { z } from 'zod'

/** Ids we mint ourselves: short, URL- and scene-safe. Rejects operator-shaped objects by type. */
export const Id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、- 和 _')
/** Time as epoch milliseconds: JSON-safe on both transports, no Date revival needed. */
export const Millis = z.number().int().nonnegative()
/** Money in fen (分), never floats of yuan. */
export const Fen = z.number().int().nonnegative().max(100_000_000)
export const DayKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const Channel = z.enum(['store_code', 'staff_code', 'shared_card', 'group'])
export type Channel = z.infer<typeof Channel>

export const StaffRef = z.object({ staffId: Id, name: z.string() })
export type StaffRef = z.infer<typeof StaffRef>

export const StoreSummary = z.object({
  storeId: Id,
  name: z.string(),
  city: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string()
})
export type StoreSummary = z.infer<typeof StoreSummary>

export const CouponView = z.object({
  couponId: z.string(),
  title: z.string(),
  kind: z.enum(['amount_off', 'percent_off', 'gift']),
  /** amount off in fen, or percent off (e.g. 90 = 9折), or 0 for a gift */
  value: z.number(),
  thresholdFen: Fen,
  validFrom: Millis,
  validUntil: Millis,
  state: z.enum(['usable', 'used', 'expired']),
  /** short code typed at the till where scanning is not available */
  code: z.string()
})
export type CouponView = z.infer<typeof CouponView>

export const GroupEntry = z.object({ groupId: Id, name: z.string(), qrUrl: z.string(), expiresAt: Millis })
export type GroupEntry = z.infer<typeof GroupEntry>
