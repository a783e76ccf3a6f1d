import { defineFunction } from './_lib/define'
import { buildDashboard, dashboardNames, dashboardScope, rangeOrRefuse } from './_lib/kpi-dashboard'
import { groupShareOf } from './_lib/group-share'

export const main = defineFunction('kpiDashboard', async ({ limit = 20, ...query }, caller) => {
  // Refused here before any read, as buildDashboard would. The group share (all time, not the range) is
  // read alongside the counters (see groupShareOf); the brand view (null scope) takes its store ids from
  // the stores the dashboard names anyway, so they are read once.
  const now = Date.now()
  const scope = dashboardScope(caller.staff, query.storeId)
  rangeOrRefuse(query, now)
  const names = dashboardNames(scope)
  const share = scope
    ? groupShareOf(scope)
    : names.then((n) =>
        groupShareOf(
          n.stores.map((s) => s.storeId),
          true
        )
      )
  const [dashboard, groupShare] = await Promise.all([buildDashboard(caller.staff, query, now, limit, names), share])
  return { ...dashboard, groupShare }
})
