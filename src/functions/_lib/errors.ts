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

/**
 * `add` with an `_id` that exists: CloudBase reports DATABASE_DUPLICATE_WRITE (errCode -502001), MongoDB
 * underneath says E11000 / duplicate key. The code is undocumented, so match all known spellings.
 */
export function isDuplicateWrite(err: unknown): boolean {
  const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown } | null
  if (!e) return false
  if (e.errCode === -502001) return true
  const text = `${String(e.errMsg ?? '')} ${String(e.message ?? '')} ${String(e.code ?? '')}`
  return /DUPLICATE|duplicate key|E11000/i.test(text)
}

/** A transaction lost a race (TransactionBusy / write conflict): safe to run again. */
export function isConflict(err: unknown): boolean {
  const e = err as { errMsg?: unknown; message?: unknown; code?: unknown } | null
  if (!e) return false
  return /TransactionBusy|conflict|TRANSACTION_CONFLICT/i.test(`${String(e.errMsg ?? '')} ${String(e.message ?? '')} ${String(e.code ?? '')}`)
}
