import { chinaDayKey } from '../../domain/china-time'
import { normalizeCouponCode } from '../../domain/coupon-rules'
import type { Caller } from './caller'
import { db } from './cloud'
import { counterIdExpr } from './counters'
import { settingsOrDefault } from './data'
import type { CouponDoc, CouponTemplateDoc, SettingsDoc, StaffDoc } from './docs'
import { RATE_LIMITS, safe, tillSlotKeys, type SeenRows } from './rate-limit'
import type { PurchaseSummaryDoc } from './sales-docs'
import { summaryOfSales } from './sales-summary'

/** What the till needs before redeeming a code, besides who is asking. */
export interface TillCaller extends Caller {
  settings: SettingsDoc
  /** the coupon the code names (null: none), read outside the transaction, which reads it again */
  coupon: CouponDoc | null
  templatePaused: boolean
  /**
   * The coupon's fan had no purchase summary: their committed sales as one, for the sale's transaction to
   * use if it finds none either (sales-summary.ts notePurchase). Undefined when a summary was there.
   */
  history: PurchaseSummaryDoc | undefined
  /** the coupon's fan's staff member as the read found them (coupons-redeem.ts redeemOnce `owner`) */
  owner: { fanId: string; ownerStaffId: string | null } | null
  /** the till's rate-limit rows (the staff member's and the code's), for requireTillSlots */
  rateRows: SeenRows
  /** the staff member's counter row of `dayKey` when it exists (counters.ts countersSeen) */
  counterIds: string[]
  dayKey: string
}

interface Row extends StaffDoc {
  settings: SettingsDoc[]
  coupons: CouponDoc[]
  templates: CouponTemplateDoc[]
  summaries: PurchaseSummaryDoc[]
  saleAts: number[]
  saleStores: string[]
  rl: SeenRows
  fans: Array<{ _id: string; ownerStaffId?: string | null }>
  counters: Array<{ _id: string }>
}

/**
 * The caller's staff record, the brand settings, the coupon, its template and the fan's purchase history in
 * one aggregate with lookups: one request where they were six (#20). The template is read here, outside the
 * transaction, as before: inside, every issue (which bumps the template's stock) would conflict with it.
 * Reading the coupon before the till's rate-limit slots are taken reveals nothing: its answer waits for them.
 */
export async function readTill(openid: string, rawCode: string): Promise<TillCaller> {
  const $ = db.command.aggregate
  const dayKey = chinaDayKey(Date.now())
  // an impossible code joins no coupon ('' is no code; a null would join documents without one)
  const couponCode = normalizeCouponCode(rawCode) ?? ''
  const keys = tillSlotKeys('', couponCode)
  // a fan with a summary needs none of their sales: only its absence sends them
  const unlessSummary = (path: string) => $.cond({ if: $.eq([$.size('$summaries'), 0]), then: path, else: [] })
  const res = await db
    .collection('staff')
    .aggregate()
    .match({ openid, active: true })
    .limit(1)
    // the staff member's counter row today, which a redemption bumps, and the till's rate-limit keys
    // (requireTillSlots checks that the staff key needs no escaping)
    .addFields({
      settingsId: 'brand',
      couponCode,
      counterId: counterIdExpr(dayKey, '$storeId', '$_id'),
      rlKeys: [$.concat([keys.staff, '$_id']), safe(keys.code)]
    })
    .lookup({ from: 'settings', localField: 'settingsId', foreignField: '_id', as: 'settings' })
    .lookup({ from: 'coupons', localField: 'couponCode', foreignField: 'code', as: 'coupons' })
    .lookup({ from: 'couponTemplates', localField: 'coupons.templateId', foreignField: '_id', as: 'templates' })
    // the coupon's fan, or '' when there is no coupon: a path with no value would join every document
    // lacking the field (MongoDB's lookup treats it as null)
    .addFields({ fanKey: $.cond({ if: $.eq([$.size('$coupons'), 0]), then: '', else: '$coupons.fanId' }) })
    .lookup({ from: 'fanPurchases', localField: 'fanKey', foreignField: '_id', as: 'summaries' })
    .lookup({ from: 'sales', localField: 'fanKey', foreignField: 'fanId', as: 'sales' })
    .lookup({ from: RATE_LIMITS, localField: 'rlKeys', foreignField: 'key', as: 'rl' })
    .lookup({ from: 'counters', localField: 'counterId', foreignField: '_id', as: 'counters' })
    .lookup({ from: 'fans', localField: 'fanKey', foreignField: '_id', as: 'fans' })
    .addFields({ saleAts: unlessSummary('$sales.at'), saleStores: unlessSummary('$sales.storeId') })
    .project({ sales: 0, settingsId: 0, couponCode: 0, rlKeys: 0, counterId: 0, fanKey: 0 })
    .end()
  const row = res.list[0] as Row | undefined
  if (!row)
    return {
      openid,
      role: 'shopper',
      staff: null,
      settings: settingsOrDefault(null),
      coupon: null,
      templatePaused: false,
      history: undefined,
      owner: null,
      rateRows: [],
      counterIds: [],
      dayKey
    }
  const { settings, coupons, templates, summaries, saleAts, saleStores, rl, counters, fans, ...staff } = row
  const coupon = coupons[0] ?? null
  // A template that no longer exists cannot be paused; its coupons stay as issued.
  const template = coupon ? templates.find((t) => t._id === coupon.templateId) : undefined
  const hasSummary = summaries.some((s) => s._id === coupon?.fanId)
  // at and storeId come as two lists, in step because every sale has both; otherwise the transaction reads them
  const inStep = saleAts.length === saleStores.length
  const history =
    coupon && !hasSummary && inStep
      ? summaryOfSales(
          coupon.fanId,
          saleAts.map((at, i) => ({ at, storeId: saleStores[i] }))
        )
      : undefined
  return {
    openid,
    role: staff.role,
    staff,
    settings: settingsOrDefault(settings[0] ?? null),
    coupon,
    templatePaused: template?.paused === true,
    history,
    owner: coupon ? { fanId: coupon.fanId, ownerStaffId: fans.find((f) => f._id === coupon.fanId)?.ownerStaffId ?? null } : null,
    rateRows: rl,
    counterIds: counters.map((c) => c._id),
    dayKey
  }
}
