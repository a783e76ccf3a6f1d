import { limitsFrom, MINUTE_MS, windowIndex, type AbuseLimits } from '../../domain/abuse-limits'
import { normalizeCouponCode } from '../../domain/coupon-rules'
import { db, _ } from './cloud'
import type { SettingsDoc } from './docs'
import { AppError, isDuplicateWrite } from './errors'

export const RATE_LIMITS = 'rateLimits'
export const INVALID_COUPON_CODE = '券码应为 8 位字母或数字，请核对后重新输入'

/** Keys become part of an _id: anything outside the id alphabet is replaced (openids and codes already fit). */
export const safe = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)

/**
 * A key's rows as a read just found them (the check-in's one read joins its codes' rows on `key`): takeSlot
 * then skips the requests that would only find out what the read already says (#20).
 */
export type SeenRows = ReadonlyArray<{ _id: string; key: string; expiresAt: number } & Record<string, unknown>>

/** Windows per rate-limit row: a key's row holds the counts of this many consecutive windows, one field each. */
const WINDOWS_PER_ROW = 64

/**
 * Takes one slot of `limit` in the current fixed window of `key`; false when the window is full.
 * One conditional _.inc: the database decides, so concurrent callers across function instances never
 * overshoot (an in-memory counter would be per instance). A row holds WINDOWS_PER_ROW windows of the key,
 * one field each (`_.inc` creates the field of a new window), so a new window costs no extra request: one
 * request per slot, where a row per window cost three at every window's start (#20). The row is created by
 * an add with a deterministic _id when the key first needs one in its span, so racing creators clash on the
 * primary key and retry the increment; that is also the moment to drop the key's older rows.
 */
/**
 * `sweep`: the keys whose expired rows go when this key's new row is made (its own by default; false for keys
 * that live one span, or whose rows another key's sweep takes: one request fewer on their first slot).
 * `seen`: the rows of this key and of the sweep keys, read just before. Counts only grow within a window, so
 * a window the read saw full is full now and refused without a write; a row the read did not see is added
 * straight away (a racing creator makes the add clash, and the increment runs as usual); the sweep runs
 * only when the read saw something to sweep.
 */
export async function takeSlot(
  key: string,
  limit: number,
  windowMs: number,
  now: number,
  sweep: readonly string[] | false = [key],
  seen?: SeenRows
): Promise<boolean> {
  const w = windowIndex(now, windowMs)
  const span = Math.floor(w / WINDOWS_PER_ROW)
  const id = `rl.${safe(key)}.s${span}`
  const field = `w${w}`
  const rows = db.collection(RATE_LIMITS)
  const increment = async () =>
    (await rows.where(_.and([{ _id: id }, _.or([{ [field]: _.lt(limit) }, { [field]: _.exists(false) }])])).update({ data: { [field]: _.inc(1) } })).stats
      .updated === 1
  const addRow = async () => {
    try {
      await rows.add({ data: { _id: id, key: safe(key), [field]: 1, expiresAt: (span + 1) * WINDOWS_PER_ROW * windowMs } })
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      return increment()
    }
    // A key's new row is the moment to drop its old ones: rows stay bounded without a sweeper job.
    const keys = sweep ? sweep.map(safe) : []
    const stale = !seen || seen.some((r) => keys.includes(r.key) && r.expiresAt <= now)
    if (keys.length > 0 && stale) await rows.where({ key: keys.length === 1 ? keys[0] : _.in(keys), expiresAt: _.lte(now) }).remove()
    return true
  }
  if (seen) {
    const row = seen.find((r) => r._id === id)
    if (!row) return addRow()
    if (typeof row[field] === 'number' && row[field] >= limit) return false
  }
  return (await increment()) || addRow()
}

/** Throws the stable RATE_LIMITED answer ("try again later") when the slot is not granted. */
export async function requireSlot(
  key: string,
  limit: number,
  windowMs: number,
  now: number,
  message?: string,
  sweep: readonly string[] | false = [key],
  seen?: SeenRows
): Promise<void> {
  if (!(await takeSlot(key, limit, windowMs, now, sweep, seen))) throw new AppError('RATE_LIMITED', message)
}

export const limitsOf = (settings: SettingsDoc): AbuseLimits => limitsFrom(settings.limits)

/**
 * A coupon look-up or redemption at the till: limited per staff member and per coupon code, so that
 * codes cannot be guessed by trying many at one till, nor one code hammered from many.
 */
export async function requireTillSlots(staffId: string, raw: string, limits: AbuseLimits, now: number, seen?: SeenRows): Promise<void> {
  // A code that cannot be a code is refused first: a typo costs no slot and writes nothing. The per-code
  // slot is the normalized code's, so "0" and "O" spellings of one code share it.
  const code = normalizeCouponCode(raw)
  if (!code) throw new AppError('INVALID_INPUT', INVALID_COUPON_CODE)
  const keys = tillSlotKeys(staffId, code)
  // till-read.ts joins the staff key from the stored id, unescaped: its rows are the key's only when escaping changes nothing
  const staffSeen = safe(keys.staff) === keys.staff ? seen : undefined
  await requireSlot(keys.staff, limits.redemptionsPerStaffPerMinute, MINUTE_MS, now, '核销操作太频繁，请稍后再试', [keys.staff], staffSeen)
  // A coupon code is tried at a till a handful of times in its life, nearly always within one row's span:
  // looking for its older rows (there are none) cost every redemption a request (#20). A code used across
  // spans keeps its few small rows, as one-use keys always did.
  await requireSlot(keys.code, limits.attemptsPerCouponCodePerMinute, MINUTE_MS, now, '这张券的查询次数太多，请稍后再试', false, seen)
}

/** The till's two rate-limit keys: the staff member's and the (normalized) coupon code's. */
export const tillSlotKeys = (staffId: string, code: string) => ({ staff: `rd-staff-${staffId}`, code: `rd-code-${code}` })
