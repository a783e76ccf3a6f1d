import { ERROR_CODES, type ErrorCode } from '../../contract'

/** A refusal the caller should see as it is: code from the contract, message in Chinese. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string
  ) {
    super(message ?? ERROR_CODES[code])
  }
}

interface SdkError {
  errCode?: unknown
  errMsg?: unknown
  message?: unknown
  code?: unknown
}

/**
 * What wx-server-sdk rejects with for a failed database request: an Error whose `errCode` is the
 * SDK's mapping of the server's code (-501001 "resource system error" for codes it has no entry for,
 * which includes DATABASE_TRANSACTION_CONFLICT and DATABASE_DUPLICATE_WRITE) and whose `errMsg` ends
 * with the server's message. There is no `code` field; the server's message is all that tells them apart.
 */
function sdkFailure(err: unknown): { errCode: unknown; text: string } | null {
  const e = err as SdkError | null
  if (!e || typeof e !== 'object') return null
  return { errCode: e.errCode, text: `${String(e.errMsg ?? '')} ${String(e.message ?? '')} ${String(e.code ?? '')}` }
}

/**
 * `add` with an `_id` that exists, or a unique index violated: the server names it
 * DATABASE_DUPLICATE_WRITE with MongoDB's "E11000 duplicate key" message; the SDK surfaces it as
 * errCode -501001 (older SDKs: -502001) with that message.
 */
export function isDuplicateWrite(err: unknown): boolean {
  const f = sdkFailure(err)
  if (!f) return false
  if (f.errCode !== undefined && f.errCode !== -501001 && f.errCode !== -502001) return false
  return /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(f.text)
}

/**
 * A transaction lost a race on a document (DATABASE_TRANSACTION_CONFLICT, "[ResourceUnavailable.
 * TransactionConflict] Transaction is conflict", TransactionBusy): safe to run again. Surfaces as
 * errCode -501001; the SDK does not retry it. Not every "conflict" is one: "Updating the path ... would
 * create a conflict" is a malformed update, and is not retried.
 */
export function isConflict(err: unknown): boolean {
  const f = sdkFailure(err)
  if (!f) return false
  if (f.errCode !== undefined && f.errCode !== -501001) return false
  return /DATABASE_TRANSACTION_CONFLICT|TransactionConflict|Transaction is conflict|TransactionBusy/i.test(f.text)
}

/**
 * Waits before running a transaction again after a conflict: jittered and growing, as retrying at once
 * meets the same lock (the winner has not committed yet) and many losers retrying in step collide again.
 */
export function conflictBackoff(attempt: number): Promise<void> {
  const ms = Math.min(400, 8 * 2 ** attempt) * (0.5 + Math.random())
  return new Promise((resolve) => setTimeout(resolve, ms))
}
