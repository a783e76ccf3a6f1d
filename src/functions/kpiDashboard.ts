import { defineFunction } from './_lib/define'
import { buildDashboard } from './_lib/kpi-dashboard'

export const main = defineFunction('kpiDashboard', async ({ limit = 20, ...query }, caller) => buildDashboard(caller.staff, query, Date.now(), limit))
