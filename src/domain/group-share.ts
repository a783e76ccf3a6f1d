/**
 * The share of a store's fans who joined one of its community groups (社群入群率).
 *
 * - fans of a store: fans whose first check-in was there (FanDoc.firstStoreId), the same count the
 *   manager overview shows as a store's fans; a fan stays the fan of that one store, whoever owns them now.
 * - group members of a store: those of its fans who joined at least one of the store's groups, once
 *   however many of its groups they joined. A fan of another store who joins here is not counted (they
 *   are not in the denominator either), so the share never passes 100%.
 *
 * Over several stores both counts are summed (not the stores' shares averaged), so each store weighs by its fans.
 */
export interface GroupShare {
  members: number
  fans: number
  /** members ÷ fans to 4 decimals (0.1234 = 12.34%); null without fans */
  share: number | null
}

export function groupShare(members: number, fans: number): GroupShare {
  // The two counts are separate reads: a fan who checks in and joins between them must not push past 100%.
  const m = Math.min(Math.max(0, members), Math.max(0, fans))
  return { members: m, fans: Math.max(0, fans), share: fans > 0 ? Math.round((m / fans) * 10_000) / 10_000 : null }
}
