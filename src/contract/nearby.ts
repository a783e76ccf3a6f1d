import { type FunctionSpecs } from './spec'

/** Journey 5: nearby stores (LBS). */
export const nearbyFunctions = {} as const satisfies FunctionSpecs
