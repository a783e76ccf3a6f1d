import { type FunctionSpecs } from './spec'

/** Journey 6: sales tied to fans, repurchase figures, win-back. */
export const salesFunctions = {} as const satisfies FunctionSpecs
