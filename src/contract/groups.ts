import { type FunctionSpecs } from './spec'

/** Journey 4: community groups (社群): group entry codes, joins, openGId links. */
export const groupFunctions = {} as const satisfies FunctionSpecs
