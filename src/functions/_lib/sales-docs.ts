/**
 * Documents journey 6 adds (SaleDoc itself lives in docs.ts, where the coupon redemption writes it).
 * Times are epoch ms like every other document.
 */

/** Per-fan purchase summary, _id = fan id. Read inside each sale's transaction: first vs repurchase is decided there. */
export interface PurchaseSummaryDoc {
  _id: string
  purchases: number
  totalFen: number
  firstPurchaseAt: number | null
  lastPurchaseAt: number | null
  firstStoreId: string | null
  /** the last win-back failure for this fan (a refused reminder, a platform error) */
  winBackError?: { at: number; message: string }
}

/** One accepted POS request, _id = 'pos_' + its signature: the same signed request twice clashes on the key. */
export interface PosRequestDoc {
  _id: string
  orderId: string
  at: number
}

/** The brand's win-back setting, in `settings` with _id 'winBack'. */
export interface WinBackSettingsDoc {
  _id: 'winBack'
  lapseDays: number
}

/** What one win-back run did. */
export interface WinBackRunDoc {
  _id: string
  at: number
  trigger: 'timer' | 'manual'
  by: string
  lapseDays: number
  templateId: string | null
  scanned: number
  lapsed: number
  issued: number
  alreadyIssued: number
  refused: number
  messaged: number
  /** fans whose coupon or reminder failed for another reason (recorded on their purchase summary) */
  failed: number
  /** false when the run stopped at its time budget; the next run goes on from its place */
  complete?: boolean
}

/** Subscribe-message consents we hold for a fan (one consent = one message; the platform has no balance API). */
export interface SubscriptionDoc {
  _id: string // `${fanId}.winBack`
  fanId: string
  topic: 'winBack'
  balance: number
  updatedAt: number
}

/** Bound phone → fan, _id = sha256(phone). Nothing writes it yet (phone binding is a later issue). */
export interface FanPhoneDoc {
  _id: string
  fanId: string
}

export const DEFAULT_LAPSE_DAYS = 60
