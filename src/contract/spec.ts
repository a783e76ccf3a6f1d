import { z } from 'zod'
import type { Access } from './roles'

/** One cloud function in the contract: who may call it, what it takes, what it answers. */
export interface FunctionSpec {
  access: Access
  summary: string
  input: z.ZodTypeAny
  output: z.ZodTypeAny
}
export type FunctionSpecs = Record<string, FunctionSpec>

/** Inputs are strict: an unexpected field is an error, not something silently ignored. */
export const input = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict()
