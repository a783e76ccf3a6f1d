import { liveBindingBounds } from '../../domain/attribution'
import { _ } from './cloud'
import type { SettingsDoc } from './docs'

/**
 * The where-clause of a staff member's fans that are still bound now under the brand's policy (validity
 * and `last` window lapses), optionally with a boundAt bound of the caller's own (a page cursor).
 */
export function liveFansOf(staffId: string, settings: SettingsDoc, now: number, boundAt?: unknown): Record<string, unknown> {
  const { lastVisitAtLeast, boundAtLeast } = liveBindingBounds(settings.policy, now)
  const where: Record<string, unknown> = { ownerStaffId: staffId }
  if (lastVisitAtLeast !== null) where.lastVisitAt = _.gte(lastVisitAtLeast)
  if (boundAtLeast !== null && boundAt !== undefined) where.boundAt = _.and(_.gte(boundAtLeast), boundAt)
  else if (boundAtLeast !== null) where.boundAt = _.gte(boundAtLeast)
  else if (boundAt !== undefined) where.boundAt = boundAt
  return where
}
