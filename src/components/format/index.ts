import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import type { Channel, CouponView, Role } from '../../contract'

dayjs.extend(utc)
dayjs.extend(timezone)

export const CHINA_TZ = 'Asia/Shanghai'
const CHINA_OFFSET_MINUTES = 8 * 60

/**
 * Dates are shown in China time whatever the phone's zone. The timezone plugin relies on Intl, which
 * WeChat on Android ignores (dayjs#2635, taro#16078); China has no DST, so a fixed +8 is the fallback.
 */
function inChina(ms: number): dayjs.Dayjs {
  try {
    const zoned = dayjs(ms).tz(CHINA_TZ)
    if (zoned.isValid() && zoned.utcOffset() === CHINA_OFFSET_MINUTES) return zoned
  } catch {
    // engines without Intl time zones throw RangeError; fall through to the fixed offset
  }
  return dayjs(ms).utcOffset(CHINA_OFFSET_MINUTES)
}

export const chinaDate = (ms: number): string => inChina(ms).format('YYYY-MM-DD')
export const chinaDateTime = (ms: number): string => inChina(ms).format('YYYY-MM-DD HH:mm')

/** Money travels in fen; people read yuan. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`

export const CHANNEL_LABEL: Record<Channel, string> = {
  store_code: '门店码',
  staff_code: '导购码',
  shared_card: '分享卡片',
  group: '社群'
}

export const ROLE_LABEL: Record<Role, string> = {
  shopper: '顾客',
  staff: '导购',
  manager: '店长'
}

/** The headline of a coupon: what it is worth. */
export function couponValue(c: Pick<CouponView, 'kind' | 'value'>): string {
  if (c.kind === 'amount_off') return yuan(c.value)
  if (c.kind === 'percent_off') return `${c.value / 10}折`
  return '赠品'
}

export const couponThreshold = (thresholdFen: number): string => (thresholdFen > 0 ? `满${yuan(thresholdFen)}可用` : '无门槛')
