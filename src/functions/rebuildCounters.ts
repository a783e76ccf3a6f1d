import { defineFunction } from './_lib/define'
import { dashboardScope } from './_lib/kpi-dashboard'
import { rebuildCounters } from './_lib/kpi-rebuild'

/** A manager rebuilds the counters of the stores they manage (a brand manager: all, or one store). */
export const main = defineFunction('rebuildCounters', async ({ from, to, storeId, dryRun = false }, caller) =>
  rebuildCounters({ from, to, storeIds: dashboardScope(caller.staff, storeId), dryRun, now: Date.now() })
)
