import { chinaDayKeyStart, DAY_MS } from './china-time'

/**
 * Which group code (活码) a shopper is shown, and when the manager is warned. Pure: no I/O, so the
 * check-in card, the "join our group" page and the manager page all apply the same rule.
 */
export interface GroupCode {
  expiresAt: number
  capacity: number
  members: number
  full: boolean
}

/** WeChat stops honouring a group QR 7 days after it was generated; we take the upload as that moment. */
export const GROUP_QR_LIFETIME_MS = 7 * DAY_MS
/** The manager is warned this long before the last usable code expires. */
export const GROUP_WARNING_MS = 2 * DAY_MS

/**
 * A code valid "until 11-30" stops at 00:00 China time on 12-01 (functions run in UTC, so a plain
 * Date would end the day 8 hours late), or at the QR's own 7-day limit, whichever comes first.
 */
export function groupCodeExpiry(validUntilDayKey: string, uploadedAt: number): number {
  return Math.min(chinaDayKeyStart(validUntilDayKey) + DAY_MS, uploadedAt + GROUP_QR_LIFETIME_MS)
}

/** Usable: not marked full, not past its expiry, and not at its capacity by our own join count. */
export const isUsable = (g: GroupCode, now: number): boolean => !g.full && g.expiresAt > now && g.members < g.capacity

export const fillRatio = (g: GroupCode): number => (g.capacity > 0 ? Math.min(1, g.members / g.capacity) : 1)

/**
 * The code to show. Joins are spread: the least-filled usable group wins, so a new group fills up while
 * an old one rests; between equally filled groups the freshest code (latest expiry) wins.
 */
export function pickGroup<T extends GroupCode>(groups: readonly T[], now: number): T | null {
  let best: T | null = null
  for (const g of groups) {
    if (!isUsable(g, now)) continue
    if (!best) best = g
    else {
      const d = fillRatio(g) - fillRatio(best)
      if (d < 0 || (d === 0 && g.expiresAt > best.expiresAt)) best = g
    }
  }
  return best
}

/** Whole days left, counted up: a code expiring in 3 hours has 1 day left, an expired one 0. */
export const daysLeft = (expiresAt: number, now: number): number => Math.max(0, Math.ceil((expiresAt - now) / DAY_MS))

export type GroupWarning = { kind: 'none_usable'; lastExpiresAt: null } | { kind: 'expiring'; lastExpiresAt: number }

/**
 * Warn when no code is usable, or when the last usable one expires within two days: a fresh QR has to
 * be taken from WeChat and uploaded before then, or shoppers meet a dead code.
 */
export function groupWarning(groups: readonly GroupCode[], now: number): GroupWarning | null {
  const usable = groups.filter((g) => isUsable(g, now))
  if (usable.length === 0) return { kind: 'none_usable', lastExpiresAt: null }
  const last = Math.max(...usable.map((g) => g.expiresAt))
  return last - now <= GROUP_WARNING_MS ? { kind: 'expiring', lastExpiresAt: last } : null
}
