import { defineFunction } from './_lib/define'
import { buildDashboard, dashboardScope } from './_lib/kpi-dashboard'
import { groupShareOf } from './_lib/group-share'
import { storesIn } from './_lib/kpi-read'

export const main = defineFunction('kpiDashboard', async ({ limit = 20, ...query }, caller) => {
  // Refused here before any read, as buildDashboard would. The group share (all time, not the range) is
  // a few count() queries (see groupShareOf), read alongside the counters; null scope = every store.
  const scope = dashboardScope(caller.staff, query.storeId)
  const share = async () =>
    scope
      ? groupShareOf(scope)
      : groupShareOf(
          (await storesIn(null)).map((s) => s.storeId),
          true
        )
  const [dashboard, groupShare] = await Promise.all([buildDashboard(caller.staff, query, Date.now(), limit), share()])
  return { ...dashboard, groupShare }
})
