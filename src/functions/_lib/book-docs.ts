import type { FollowUpReason } from '../../domain/follow-up'
import type { FanDoc } from './docs'

/**
 * Journey 9's documents. What the shopper agreed to show lives on their fan record under `profile`, one
 * field per consent: a field exists only while shared, and withdrawing removes it (nothing to hide later).
 * Tags are the brand's, on the fan record too, so a book can filter by them in the same query.
 */
export interface FanProfileFields {
  nickname?: string
  /** lower-cased nickname: prefix search without regular expressions (the cloud's RegExp cannot use an index) */
  nameKey?: string
  /** cloud storage fileID; turned into a temporary URL on each read */
  avatarFileId?: string
  phoneTail?: string
  birthMonth?: number
}

export type BookFan = FanDoc & { profile?: FanProfileFields; tags?: string[] }

/** A staff member's note on a fan. Kept per brand: whoever owns the fan (and their managers) reads it. */
export interface FanNoteDoc {
  _id: string
  fanId: string
  staffId: string
  text: string
  at: number
}

/** One follow-up reason closed for one fan (an action closes every reason that was due). */
export interface FollowUpDoc {
  _id: string
  fanId: string
  key: string
  reason: FollowUpReason | 'manual'
  action: 'coupon' | 'remind' | 'done'
  note: string
  staffId: string
  storeId: string
  at: number
  dayKey: string
  couponId: string | null
  /** the action's request: a repeat of it (a retry, a double tap) records nothing more */
  requestId: string
}
