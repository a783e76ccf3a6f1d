/**
 * What makes a store's details usable, shared by the store form and saveStore: no I/O. Hours are read
 * by the same parser as the nearby page's "open now" (geo.ts), so a saved store never has hours that
 * page cannot read.
 */
import { parseHours } from './geo'

export const HOURS_HINT = '营业时间格式如 10:00-22:00，多段用逗号分隔（如 10:00-14:00,17:00-22:00），跨夜如 22:00-02:00'

/** null when the nearby page can read the hours; else what to fix. */
export function hoursProblem(hours: string): string | null {
  return parseHours(hours.trim()) ? null : HOURS_HINT
}

/** Loose on purpose (landlines, mobiles, extensions, +86): digits, '-', '+' and spaces, with some digits. */
export function phoneProblem(phone: string): string | null {
  const p = phone.trim()
  if (!/^\+?[0-9][0-9\s-]*$/.test(p) || (p.match(/\d/g) ?? []).length < 3) return '电话只能包含数字、-、+ 和空格，如 021-62881618'
  return null
}

/** Every field a new store needs, in the order the form shows them, with the words it uses. */
export const NEW_STORE_FIELDS = [
  ['name', '门店名称'],
  ['city', '城市'],
  ['address', '地址'],
  ['longitude', '经度'],
  ['latitude', '纬度'],
  ['hours', '营业时间'],
  ['phone', '电话']
] as const

export type StoreFieldName = (typeof NEW_STORE_FIELDS)[number][0]

/** The labels of the fields a new store lacks (blank text counts as missing). */
export function missingForNew(fields: Partial<Record<StoreFieldName, string | number | undefined>>): string[] {
  return NEW_STORE_FIELDS.filter(([key]) => {
    const v = fields[key]
    return v === undefined || (typeof v === 'string' && v.trim() === '')
  }).map(([, label]) => label)
}

/** The first thing wrong with the details given (for a new store, or the fields an edit changes); null if none. */
export function storeFieldsProblem(fields: Partial<Record<StoreFieldName, string | number | undefined>>, isNew: boolean): string | null {
  if (isNew) {
    const missing = missingForNew(fields)
    if (missing.length) return `新增门店需要填写：${missing.join('、')}`
  }
  if ((fields.longitude === undefined) !== (fields.latitude === undefined)) return '经度和纬度需要一起填写'
  if (typeof fields.hours === 'string') {
    const problem = hoursProblem(fields.hours)
    if (problem) return problem
  }
  if (typeof fields.phone === 'string') return phoneProblem(fields.phone)
  return null
}
