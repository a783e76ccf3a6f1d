import { MINUTE_MS, type AbuseLimits, type SuspicionReason } from '../../domain/abuse-limits'
import type { CodeFlagDoc, StaffDoc } from './docs'
import { takeSlot, type SeenRows } from './rate-limit'

export const CODE_FLAGS = 'codeFlags'
/** Held fans listed on one flag row; more are counted in `held` and stay with the store. */
export const FLAG_FAN_CAP = 200

export const flagId = (staffId: string, dayKey: string) => `flag.${staffId}.${dayKey}`

/** The rate-limit key of a staff code's new-fan burst windows. */
export const burstKey = (staffId: string) => `burst-${staffId}`

/**
 * Why this new fan on `staff`'s code looks manufactured, if it does. Each call counts the fan in the
 * code's burst window and, with a device fingerprint, in that device's window (both at once: neither
 * depends on the other); a full window means the fan is one too many. Counted before the check-in
 * commits, so a failed or refused check-in still counts: erring towards a flag a manager can clear,
 * never towards silent credit.
 */
export async function suspicionOf(staff: StaffDoc, device: string | undefined, limits: AbuseLimits, now: number, seen?: SeenRows): Promise<SuspicionReason[]> {
  const [burst, sameDevice] = await Promise.all([
    // burst rows are swept by the code's check-in slot (checkin.ts), with one request fewer here
    takeSlot(burstKey(staff._id), limits.burstNewFans, limits.burstWindowMinutes * MINUTE_MS, now, false, seen),
    device ? takeSlot(`dev-${staff._id}-${device}`, limits.sameDeviceNewFans, limits.sameDeviceWindowMinutes * MINUTE_MS, now) : true
  ])
  const reasons: SuspicionReason[] = []
  if (!burst) reasons.push('burst')
  if (!sameDevice) reasons.push('same_device')
  return reasons
}

type TxDoc = { get(): Promise<{ data: unknown }>; set(o: { data: Record<string, unknown> }): Promise<unknown> }
type Tx = { collection(name: string): { doc(id: string): TxDoc } }

/** Adds one held fan to the staff member's flag of the day, inside the check-in's transaction. */
export async function recordHeldFan(tx: Tx, staff: StaffDoc, fanId: string, reasons: SuspicionReason[], dayKey: string, now: number): Promise<void> {
  const ref = tx.collection(CODE_FLAGS).doc(flagId(staff._id, dayKey))
  const current = await ref.get().then(
    (r) => r.data as CodeFlagDoc,
    () => null
  )
  const base = current ?? {
    staffId: staff._id,
    storeId: staff.storeId,
    dayKey,
    reasons: [],
    held: 0,
    fanIds: [],
    firstAt: now,
    lastAt: now,
    status: 'open' as const
  }
  const { _id, ...rest } = base as CodeFlagDoc
  const flag: Omit<CodeFlagDoc, '_id'> = {
    ...rest,
    reasons: [...new Set([...rest.reasons, ...reasons])],
    held: rest.held + 1,
    fanIds: rest.fanIds.length < FLAG_FAN_CAP ? [...rest.fanIds, fanId] : rest.fanIds,
    lastAt: now,
    // new held fans after a review open the flag again: the manager decides on them too
    status: 'open',
    reviewedBy: rest.reviewedBy ?? null,
    reviewedAt: rest.reviewedAt ?? null
  }
  await ref.set({ data: flag as unknown as Record<string, unknown> })
}
