import { contract, type FunctionName, type OutputOf, type Result } from '../../src/contract'

/**
 * Every `ok` answer must satisfy its function's output schema (src/contract): the client trusts those
 * types, so an answer outside them (a fractional "integer" cursor, a missing field) is a defect even when
 * the test that got it asserted something else. Throws with the function, path and issue.
 */
export function checkAnswer<N extends FunctionName>(name: N, r: Result<OutputOf<N>>): Result<OutputOf<N>> {
  if (!r || typeof r !== 'object' || !('ok' in r)) throw new Error(`${name} answered something that is not a Result: ${JSON.stringify(r)}`)
  if (!r.ok) return r
  const parsed = contract[name].output.safeParse(r.data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${name} answered ok outside its contract output at ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  return r
}

type Caller = <N extends FunctionName>(name: N, event: unknown, openid?: string) => Promise<Result<OutputOf<N>>>

/** Wraps a test cloud's `call` or `http` so that every answer is checked by checkAnswer. */
export const checked =
  (call: Caller): Caller =>
  async (name, event, openid) =>
    checkAnswer(name, await call(name, event, openid))
