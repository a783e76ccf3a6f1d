import { CHINA_OFFSET_MS } from '../domain/china-time'

/**
 * WeChat Cloud timer triggers: seven fields, second minute hour day month week year, each with `, - * /`
 * (a/n and *\/n step from a), months JAN–DEC and weekdays SUN–SAT (0 = Sunday); when both day and week
 * are restricted either may match; and the rule's time zone is UTC+8 (China time).
 */
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 2099]
]
const NAMES: Record<number, string[]> = {
  4: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  5: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
}

function value(token: string, field: number): number {
  const named = NAMES[field]?.indexOf(token.toUpperCase()) ?? -1
  const n = named >= 0 ? named + (field === 4 ? 1 : 0) : Number(token)
  const [lo, hi] = RANGES[field]
  if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`cron field ${field + 1}: ${token} is out of range`)
  return n
}

/** The set of values one field allows. */
function allowed(spec: string, field: number): Set<number> {
  const [lo, hi] = RANGES[field]
  const out = new Set<number>()
  for (const part of spec.split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`cron field ${field + 1}: bad step in ${part}`)
    const [from, to] =
      range === '*'
        ? [lo, hi]
        : range.includes('-')
          ? range.split('-').map((t) => value(t, field))
          : [value(range, field), stepText === undefined ? value(range, field) : hi]
    for (let v = from; v <= to; v += step) out.add(v)
  }
  return out
}

export interface CronSchedule {
  matches(ms: number): boolean
}

export function parseCron(expr: string): CronSchedule {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7) throw new RangeError(`a timer trigger's cron has 7 fields, got ${fields.length}: ${expr}`)
  const sets = fields.map((f, i) => allowed(f, i))
  const dayRestricted = fields[3] !== '*'
  const weekRestricted = fields[5] !== '*'
  return {
    matches(ms: number) {
      const t = new Date(ms + CHINA_OFFSET_MS)
      const fixed = [t.getUTCSeconds(), t.getUTCMinutes(), t.getUTCHours()].every((v, i) => sets[i].has(v))
      if (!fixed || !sets[4].has(t.getUTCMonth() + 1) || !sets[6].has(t.getUTCFullYear())) return false
      const day = sets[3].has(t.getUTCDate())
      const week = sets[5].has(t.getUTCDay())
      return dayRestricted && weekRestricted ? day || week : day && week
    }
  }
}
