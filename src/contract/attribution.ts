import { z } from 'zod'

/**
 * The brand's attribution policy (归属规则). `first`: the owner keeps the fan, optionally only for
 * `protectionDays`, after which another staff code takes over. `last`: the latest staff code scanned
 * within `windowDays` of the previous binding takes over. `validityDays`: a binding lapses to the store
 * after that many days without a visit (null = permanent). `newFansOnly`: only fans new to the brand bind.
 */
export const AttributionPolicy = z
  .object({
    mode: z.enum(['first', 'last']),
    protectionDays: z.number().int().min(1).max(3650).nullable(),
    windowDays: z.number().int().min(1).max(3650).nullable(),
    validityDays: z.number().int().min(1).max(3650).nullable(),
    newFansOnly: z.boolean()
  })
  .strict()
export type AttributionPolicy = z.infer<typeof AttributionPolicy>

export const DEFAULT_POLICY: AttributionPolicy = {
  mode: 'first',
  protectionDays: null,
  windowDays: null,
  validityDays: null,
  newFansOnly: false
}
