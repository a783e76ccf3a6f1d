/**
 * $dateToString. MongoDB formats in UTC unless `timezone` is given (an Olson name such as
 * 'Asia/Shanghai' or an offset such as '+08:00'); cloud functions also run in UTC, so a China day
 * key needs the timezone argument. The default format is '%Y-%m-%dT%H:%M:%S.%LZ'.
 */
import { requestFailed, unsupported } from './errors'

const formatters = new Map<string, Intl.DateTimeFormat>()

function olsonOffsetMinutes(ms: number, tz: string): number {
  let f = formatters.get(tz)
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric'
      })
    } catch {
      throw requestFailed('collection.aggregate', `unrecognized time zone identifier: "${tz}"`)
    }
    formatters.set(tz, f)
  }
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000)
}

export function offsetMinutes(ms: number, tz: string | undefined): number {
  if (tz === undefined || tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(tz)
  if (m !== null) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'))
  return olsonOffsetMinutes(ms, tz)
}

const pad = (n: number, w: number): string => String(Math.abs(n)).padStart(w, '0')

export function formatDate(ms: number, format: string | undefined, tz: string | undefined): string {
  const off = offsetMinutes(ms, tz)
  const fmt = format ?? (off === 0 && (tz === undefined || tz === 'UTC') ? '%Y-%m-%dT%H:%M:%S.%LZ' : '%Y-%m-%dT%H:%M:%S.%L')
  const d = new Date(ms + off * 60000)
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1
  return fmt.replace(/%(.)/g, (_all, c: string) => {
    switch (c) {
      case 'Y':
        return pad(d.getUTCFullYear(), 4)
      case 'm':
        return pad(d.getUTCMonth() + 1, 2)
      case 'd':
        return pad(d.getUTCDate(), 2)
      case 'H':
        return pad(d.getUTCHours(), 2)
      case 'M':
        return pad(d.getUTCMinutes(), 2)
      case 'S':
        return pad(d.getUTCSeconds(), 2)
      case 'L':
        return pad(d.getUTCMilliseconds(), 3)
      case 'j':
        return pad(dayOfYear, 3)
      case 'w':
        return String(d.getUTCDay() + 1) // 1 = Sunday, as MongoDB
      case 'u':
        return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay()) // ISO: 1 = Monday
      case 'z':
        return (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60), 2) + pad(Math.abs(off) % 60, 2)
      case 'Z':
        return (off < 0 ? '-' : '+') + String(Math.abs(off))
      case '%':
        return '%'
      default:
        throw unsupported(`$dateToString format specifier %${c}`)
    }
  })
}
