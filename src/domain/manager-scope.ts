/**
 * Whether a manager whose store scope is `scope` (null: the whole brand) may change something that
 * applies to `storeIds` (null: every store). A store manager may change only what is limited to her own
 * stores; the server checks the same (coupons-templates checkStores), the pages use it to hide controls
 * that would be refused.
 */
export function mayManageStores(scope: readonly string[] | null, storeIds: readonly string[] | null): boolean {
  if (scope === null) return true
  if (storeIds === null || storeIds.length === 0) return false
  return storeIds.every((id) => scope.includes(id))
}
