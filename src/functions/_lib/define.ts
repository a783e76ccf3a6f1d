import type { z } from 'zod'
import { contract, failure, roleMayCall, type FunctionName, type OutputOf, type Result } from '../../contract'
import { cloud } from './cloud'
import { resolveCaller, type Caller } from './caller'
import { AppError, isConflict } from './errors'

type InputData<N extends FunctionName> = z.infer<(typeof contract)[N]['input']>
export type Handler<N extends FunctionName, C extends Caller = Caller> = (input: InputData<N>, caller: C) => Promise<OutputOf<N>>

interface Options<N extends FunctionName, C extends Caller> {
  role?: 'resolve' | 'shopper'
  /**
   * Resolves the caller in place of the staff lookup, from our own records like resolveCaller, and may read
   * what the handler needs in the same request (#20: redeemCoupon reads staff, settings and coupon at once).
   */
  caller?: (openid: string, input: InputData<N>) => Promise<C>
}

/**
 * Fields the platform adds to every callFunction event; not part of anyone's request. Events arrive as
 * JSON, so anything but a plain object (say, one whose prototype carries fields) is passed on as it is
 * and refused by the contract rather than copied into something that would pass.
 */
function withoutPlatformFields(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event
  const proto: unknown = Object.getPrototypeOf(event)
  if (proto !== Object.prototype && proto !== null) return event
  const { userInfo: _userInfo, ...rest } = event as Record<string, unknown>
  return rest
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0]
  const where = first && first.path.length ? first.path.join('.') : '请求'
  return `参数不正确（${where}）：${first ? first.message : ''}`.slice(0, 200)
}

/** wx-server-sdk rejects with plain `{ errCode, errMsg }` objects as well as Errors: log either readably. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message
  const e = err as { errCode?: unknown; errMsg?: unknown } | null
  if (e && typeof e === 'object' && (e.errCode !== undefined || e.errMsg !== undefined)) return `${String(e.errCode)} ${String(e.errMsg)}`
  try {
    return JSON.stringify(err)
  } catch {
    return String(err)
  }
}

/**
 * Every function's main: identity from the WeChat context, input checked against the contract, role
 * checked against the contract's access, and every outcome a Result. A thrown error never leaves as a
 * stack: unexpected ones are logged by message and answered INTERNAL.
 */
export function defineFunction<N extends FunctionName, C extends Caller = Caller>(name: N, handler: Handler<N, C>, opts: Options<N, C> = {}) {
  const spec = contract[name]
  // `role: 'shopper'` skips the staff lookup for functions open to anyone whose handler treats every
  // caller alike (check-in: staff scanning a code are shoppers there). Only allowed with access anyone.
  if (opts.role === 'shopper' && spec.access !== 'anyone') throw new Error(`${name}: role 'shopper' needs access 'anyone'`)
  return async function main(event: unknown): Promise<Result<OutputOf<N>>> {
    try {
      const { OPENID } = cloud.getWXContext()
      if (!OPENID) return failure('UNAUTHENTICATED')
      const parsed = spec.input.safeParse(withoutPlatformFields(event))
      if (!parsed.success) return failure('INVALID_INPUT', describeIssues(parsed.error))
      const input = parsed.data as InputData<N>
      const caller = opts.caller
        ? await opts.caller(OPENID, input)
        : ((opts.role === 'shopper' ? { openid: OPENID, role: 'shopper', staff: null } : await resolveCaller(OPENID)) as C)
      if (!roleMayCall(caller.role, spec.access)) return failure('FORBIDDEN')
      const data = await handler(input, caller)
      return { ok: true, data }
    } catch (err) {
      if (err instanceof AppError) return failure(err.code, err.code === 'INTERNAL' ? undefined : err.message)
      // a write conflict that outlived the function's own retries: the documented "try again", not a crash
      if (isConflict(err)) return failure('BUSY')
      console.error(`[${name}] failed: ${describeError(err)}`)
      return failure('INTERNAL')
    }
  }
}
