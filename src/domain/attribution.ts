import type { AttributionPolicy } from '../contract/attribution'
import { DAY_MS } from './china-time'

/** What the policy needs to know of a fan; null = first visit to the brand. */
export interface FanBinding {
  capturingStaffId: string | null
  ownerStaffId: string | null
  /** when the current owner was bound */
  boundAt: number | null
  lastVisitAt: number
}

export interface Scan {
  /** the staff member whose code was scanned; null for a store code */
  staffId: string | null
  /** the scanner is that staff member: self-scans earn nothing */
  selfScan: boolean
  at: number
}

export type BindingReason = 'first_capture' | 'unowned' | 'protection_lapsed' | 'last_scan' | 'validity_lapsed' | 'window_lapsed'

export interface BindingChange {
  from: string | null
  to: string | null
  reason: BindingReason
}

export interface BindingDecision {
  capturingStaffId: string | null
  ownerStaffId: string | null
  boundAt: number | null
  /** the staff credited with serving this visit (never the scanner themselves) */
  servingStaffId: string | null
  /** in order: a lapse to the store may precede a new binding */
  changes: BindingChange[]
}

const days = (n: number) => n * DAY_MS

/** The owner after time alone has acted: lapses to the store under the validity rule or the `last` window. */
function ownerAfterLapse(fan: FanBinding, policy: AttributionPolicy, at: number): { owner: string | null; change: BindingChange | null } {
  if (!fan.ownerStaffId) return { owner: null, change: null }
  if (policy.validityDays !== null && at - fan.lastVisitAt > days(policy.validityDays)) {
    return { owner: null, change: { from: fan.ownerStaffId, to: null, reason: 'validity_lapsed' } }
  }
  if (policy.mode === 'last' && policy.windowDays !== null && fan.boundAt !== null && at - fan.boundAt > days(policy.windowDays)) {
    return { owner: null, change: { from: fan.ownerStaffId, to: null, reason: 'window_lapsed' } }
  }
  return { owner: fan.ownerStaffId, change: null }
}

/** May this scan's staff member take the fan from the current owner? */
function takesOver(policy: AttributionPolicy, boundAt: number | null, at: number): BindingReason | null {
  if (policy.mode === 'last') return 'last_scan'
  if (policy.protectionDays !== null && boundAt !== null && at - boundAt >= days(policy.protectionDays)) return 'protection_lapsed'
  return null
}

/**
 * Decide capturing and owning staff after one scan. The capturing staff member is set once and never
 * changes; the owner follows the brand's policy. Pure, so every rule is a row in a table test.
 */
export function decideBinding(fan: FanBinding | null, scan: Scan, policy: AttributionPolicy): BindingDecision {
  const staffId = scan.selfScan ? null : scan.staffId
  if (!fan) {
    return {
      capturingStaffId: staffId,
      ownerStaffId: staffId,
      boundAt: staffId ? scan.at : null,
      servingStaffId: staffId,
      changes: staffId ? [{ from: null, to: staffId, reason: 'first_capture' }] : []
    }
  }
  const lapse = ownerAfterLapse(fan, policy, scan.at)
  const changes: BindingChange[] = lapse.change ? [lapse.change] : []
  let owner = lapse.owner
  let boundAt = lapse.change ? null : fan.boundAt
  const capturing = fan.capturingStaffId ?? (policy.newFansOnly ? null : staffId)
  if (staffId && staffId !== owner && !policy.newFansOnly) {
    const reason: BindingReason | null = owner === null ? (fan.capturingStaffId ? 'unowned' : 'first_capture') : takesOver(policy, boundAt, scan.at)
    if (reason) {
      changes.push({ from: owner, to: staffId, reason })
      owner = staffId
      boundAt = scan.at
    }
  } else if (staffId && staffId === owner && policy.mode === 'last') {
    // In `last` mode a rescan by the owner renews the window.
    boundAt = scan.at
  }
  return { capturingStaffId: capturing, ownerStaffId: owner, boundAt, servingStaffId: staffId, changes }
}

/**
 * The bounds under which an owned fan is still bound at `now`, as ownerAfterLapse would decide at the next
 * scan: what staff and managers see follows the policy at the time they look, not the last check-in's
 * write (a lapsed fan stays on the record until they scan again). Inclusive, as the lapse rules are strict.
 */
export function liveBindingBounds(policy: AttributionPolicy, now: number): { lastVisitAtLeast: number | null; boundAtLeast: number | null } {
  return {
    lastVisitAtLeast: policy.validityDays !== null ? now - days(policy.validityDays) : null,
    boundAtLeast: policy.mode === 'last' && policy.windowDays !== null ? now - days(policy.windowDays) : null
  }
}
