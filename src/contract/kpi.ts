import { type FunctionSpecs } from './spec'

/** Journey 7: KPI pages for managers and staff, read from daily counters. */
export const kpiFunctions = {} as const satisfies FunctionSpecs
