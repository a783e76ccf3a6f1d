import type { z } from 'zod'
import { bookFunctions } from './book'
import { checkinFunctions } from './checkin'
import { coreFunctions } from './core'
import { couponFunctions } from './coupons'
import { groupFunctions } from './groups'
import { kpiFunctions } from './kpi'
import { managerFunctions } from './manager'
import { nearbyFunctions } from './nearby'
import { onboardingFunctions } from './onboarding'
import { privacyFunctions } from './privacy'
import { salesFunctions } from './sales'
import { storeFunctions } from './stores'
import { teamFunctions } from './team'

/**
 * Every cloud function, gathered from the per-journey files. The client API, the functions' input
 * validation and the authorization test all read this one object; a name appears here exactly once.
 */
export const contract = {
  ...coreFunctions,
  ...checkinFunctions,
  ...managerFunctions,
  ...nearbyFunctions,
  ...couponFunctions,
  ...kpiFunctions,
  ...teamFunctions,
  ...groupFunctions,
  ...salesFunctions,
  ...storeFunctions,
  ...privacyFunctions,
  ...onboardingFunctions,
  ...bookFunctions
} as const

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type InputOf<N extends FunctionName> = z.input<Contract[N]['input']>
export type OutputOf<N extends FunctionName> = z.infer<Contract[N]['output']>
export const FUNCTION_NAMES = Object.keys(contract) as FunctionName[]
