import type { TemplateFields, TemplateView } from '../../../contract/coupons'
import { chinaDayKeyStart } from '../../../domain/china-time'
import { chinaDate } from '../../../components/format'
import { yuanToFen } from '../../../components/coupon-card/money'

/** The template form as typed: money in yuan, discounts in 折, dates as China calendar days. */
export interface Draft {
  title: string
  kind: TemplateFields['kind']
  value: string
  threshold: string
  validityType: 'days' | 'fixed'
  days: string
  from: string
  until: string
  stock: string
  perFanLimit: string
  trigger: TemplateFields['trigger']
  storeIds: string[] | null
  paused: boolean
}

/** `scope`: the stores the manager may change (null: the brand); a new template starts limited to them. */
export function toDraft(t: TemplateView | null, now: number, scope: readonly string[] | null = null): Draft {
  const v = t?.validity
  return {
    title: t?.title ?? '',
    kind: t?.kind ?? 'amount_off',
    value: !t ? '' : t.kind === 'amount_off' ? String(t.value / 100) : t.kind === 'percent_off' ? String(t.value / 10) : '',
    threshold: t && t.thresholdFen > 0 ? String(t.thresholdFen / 100) : '',
    validityType: v?.type ?? 'days',
    days: v?.type === 'days' ? String(v.days) : '7',
    from: chinaDate(v?.type === 'fixed' ? v.from : now),
    until: chinaDate(v?.type === 'fixed' ? v.until : now + 30 * 86_400_000),
    stock: t?.stock ? String(t.stock) : '',
    perFanLimit: String(t?.perFanLimit ?? 1),
    trigger: t?.trigger ?? 'manual',
    storeIds: t ? t.storeIds : scope ? [...scope] : null,
    paused: t?.paused ?? false
  }
}

const whole = (s: string, min: number, max: number): number | undefined => {
  const n = Number(s.trim())
  return s.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined
}

/** The fields to save, or what to fix (in the words of the form). */
export function fromDraft(d: Draft): TemplateFields | string {
  if (!d.title.trim()) return '请填写券名称'
  const threshold = yuanToFen(d.threshold)
  if (threshold === undefined) return '使用门槛请填写金额（元），无门槛留空'
  let value = 0
  if (d.kind === 'amount_off') {
    const fen = yuanToFen(d.value)
    if (!fen) return '请填写减免金额（元）'
    value = fen
  } else if (d.kind === 'percent_off') {
    const zhe = Number(d.value)
    if (!(zhe >= 1 && zhe <= 9.9) || !Number.isInteger(zhe * 10)) return '折扣请填写 1–9.9 之间的数字，如 8.5'
    value = Math.round(zhe * 10)
  }
  const days = whole(d.days, 1, 3650)
  if (d.validityType === 'days' && days === undefined) return '有效天数请填写 1–3650 的整数'
  if (d.validityType === 'fixed' && d.from > d.until) return '结束日期不能早于开始日期'
  const stock = d.stock.trim() === '' ? null : whole(d.stock, 1, 10_000_000)
  if (stock === undefined) return '库存请填写正整数，不限量留空'
  const perFanLimit = whole(d.perFanLimit, 1, 100)
  if (perFanLimit === undefined) return '每人限领请填写 1–100 的整数'
  if (d.storeIds !== null && d.storeIds.length === 0) return '请至少选择一家适用门店'
  return {
    title: d.title.trim(),
    kind: d.kind,
    value,
    thresholdFen: threshold ?? 0,
    // Only the days matter: the server stretches them to whole China days (00:00 to 23:59:59.999).
    validity:
      d.validityType === 'days' ? { type: 'days', days: days as number } : { type: 'fixed', from: chinaDayKeyStart(d.from), until: chinaDayKeyStart(d.until) },
    stock,
    perFanLimit,
    trigger: d.trigger,
    storeIds: d.storeIds,
    paused: d.paused
  }
}

export const fieldsOf = (t: TemplateView): TemplateFields => {
  const { templateId: _id, issued: _issued, redeemed: _redeemed, ...fields } = t
  return fields
}
