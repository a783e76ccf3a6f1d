/**
 * Every figure a daily counter row keeps. A row is one China day × store × staff; events bump these with
 * _.inc in their own transaction. Adding a figure here is all a new event needs (rows written before it
 * simply lack the field, and _.inc creates it).
 */
export const COUNTER_FIELDS = [
  'newFans',
  'visits',
  'couponsIssued',
  'couponsRedeemed',
  'sales',
  'salesFen',
  'groupJoins',
  'firstPurchases',
  'repurchases',
  'repurchaseFen'
] as const
export type CounterField = (typeof COUNTER_FIELDS)[number]
