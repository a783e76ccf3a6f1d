/**
 * Abuse limits: how fast one shopper, one code or one till may go, and when a staff code's new fans look
 * manufactured. Defaults sit far above what a real counter sees (a queue at one till is a scan every few
 * seconds) and far below what a script does. A brand can override any of them in settings.limits.
 */
export interface AbuseLimits {
  /** check-ins by one shopper in a minute; repeated scans beyond it are "try again later" */
  checkinsPerShopperPerMinute: number
  /** check-ins through one staff member's personal code in a minute */
  checkinsPerStaffCodePerMinute: number
  /** check-ins through one store's counter code in a minute (a whole queue uses it) */
  checkinsPerStoreCodePerMinute: number
  /** coupon look-ups and redemptions by one till (staff member) in a minute */
  redemptionsPerStaffPerMinute: number
  /** look-ups and redemptions of one coupon code in a minute: guessing codes at the till is slow */
  attemptsPerCouponCodePerMinute: number
  /** more new fans than this on one staff code within the window is a burst: the credit is held */
  burstNewFans: number
  burstWindowMinutes: number
  /** more new fans than this on one staff code from one device within the window: held */
  sameDeviceNewFans: number
  sameDeviceWindowMinutes: number
}

export const DEFAULT_LIMITS: AbuseLimits = {
  checkinsPerShopperPerMinute: 6,
  checkinsPerStaffCodePerMinute: 60,
  checkinsPerStoreCodePerMinute: 600,
  redemptionsPerStaffPerMinute: 60,
  attemptsPerCouponCodePerMinute: 10,
  burstNewFans: 20,
  burstWindowMinutes: 10,
  sameDeviceNewFans: 3,
  sameDeviceWindowMinutes: 60
}

/** Settings may name any subset; anything not a positive whole number keeps the default. */
export function limitsFrom(overrides: Partial<Record<keyof AbuseLimits, unknown>> | undefined): AbuseLimits {
  const out = { ...DEFAULT_LIMITS }
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof AbuseLimits>) {
    const v = overrides?.[key]
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[key] = v
  }
  return out
}

export const MINUTE_MS = 60_000

/** A shopper's scans in the current one-minute window, kept on their fan record. */
export interface ScanWindow {
  start: number
  count: number
}

/**
 * The shopper's window after one more scan, or null when the scan is over the limit. Fixed windows:
 * a burst straddling two windows may reach twice the limit, which is fine for "stop hammering".
 */
export function nextScanWindow(current: ScanWindow | null | undefined, now: number, limit: number): ScanWindow | null {
  // A scan stamped a little before the window's start is a concurrent one whose write landed later: it
  // counts in the window. Only a clock that went back by more than a window opens a new one.
  if (!current || now - current.start >= MINUTE_MS || current.start - now >= MINUTE_MS) return { start: now, count: 1 }
  if (current.count >= limit) return null
  return { start: current.start, count: current.count + 1 }
}

/** The fixed window a moment falls in, as a key part; windows are aligned to the epoch. */
export const windowIndex = (now: number, windowMs: number): number => Math.floor(now / windowMs)

export type SuspicionReason = 'burst' | 'same_device'
