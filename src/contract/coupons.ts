import { type FunctionSpecs } from './spec'

/** Journey 3: coupon templates, the shopper's wallet, redemption at the till. */
export const couponFunctions = {} as const satisfies FunctionSpecs
