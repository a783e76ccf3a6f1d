/**
 * Errors shaped like the ones wx-server-sdk rejects with, so cloud functions can branch on the
 * same fields locally as in the cloud: a numeric `errCode`, an `errMsg` of the form
 * `<api>:fail <errCode> <description>. <detail>` (also used as `message`), and — where CloudBase
 * names the condition — the CloudBase `code` string (DATABASE_DUPLICATE_WRITE, ...).
 *
 * Sources: the errCode table of the WeChat cloud docs (-502001 database request fail, -502005
 * collection not exists, -501001 resource system error, -501007 invalid parameters), the
 * CloudBase error-code pages, and messages quoted from real deployments (E11000 duplicate key
 * wrapped as -502001; "[ResourceUnavailable.TransactionConflict] Transaction is conflict").
 */

export class CloudDbError extends Error {
  readonly errCode: number
  readonly errMsg: string
  /** CloudBase error code name, when the real service has one for this condition. */
  readonly code?: string
  /** What the server itself says (the wire's error `message`); the SDK adds `<api>:fail <errCode> <description>. ` */
  readonly detail: string

  constructor(errCode: number, errMsg: string, code?: string, detail = errMsg) {
    super(errMsg)
    this.name = 'CloudSDKError'
    this.errCode = errCode
    this.errMsg = errMsg
    this.detail = detail
    if (code !== undefined) this.code = code
  }
}

const DESCRIPTIONS: Record<number, string> = {
  [-1]: '',
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502005]: 'database collection not exists'
}

function fail(api: string, errCode: number, detail: string, code?: string): CloudDbError {
  const desc = DESCRIPTIONS[errCode] ?? ''
  return new CloudDbError(errCode, `${api}:fail ${errCode} ${desc}. ${detail}`, code, detail)
}

export function invalidParam(api: string, detail: string): CloudDbError {
  return fail(api, -501007, `[InvalidParameter] ${detail}`, 'INVALID_PARAM')
}

/** A construct the real SDK accepts but this local database deliberately does not implement. */
export function unsupported(what: string): CloudDbError {
  return new CloudDbError(-501007, `${what} is not supported by the local cloud database (see src/localcloud/db/README.md)`, 'LOCAL_UNSUPPORTED')
}

export function duplicateKey(api: string, collection: string, index: string, key: string): CloudDbError {
  return fail(
    api,
    -502001,
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key} (DATABASE_DUPLICATE_WRITE)`,
    'DATABASE_DUPLICATE_WRITE'
  )
}

export function requestFailed(api: string, detail: string): CloudDbError {
  return fail(api, -502001, `[FailedOperation] ${detail}`, 'DATABASE_REQUEST_FAILED')
}

export function collectionNotExist(api: string, collection: string): CloudDbError {
  return fail(api, -502005, `[ResourceNotFound] Db or Table not exist: ${collection}. (DATABASE_COLLECTION_NOT_EXIST)`, 'DATABASE_COLLECTION_NOT_EXIST')
}

/** Exactly the text wx-server-sdk produces for doc().get() on a missing _id (errCode -1). */
export function documentNotFound(id: string | number): CloudDbError {
  return new CloudDbError(-1, `document.get:fail document with _id ${String(id)} does not exist; at document.get api; `, 'DOCUMENT_NOT_FOUND')
}

export function transactionConflict(api: string): CloudDbError {
  return fail(
    api,
    -501001,
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. (TransactionBusy)',
    'DATABASE_TRANSACTION_CONFLICT'
  )
}

export function transactionNotExist(api: string): CloudDbError {
  return fail(
    api,
    -501001,
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
    'DATABASE_TRANSACTION_FAIL'
  )
}

export function isConflict(err: unknown): boolean {
  return err instanceof CloudDbError && err.code === 'DATABASE_TRANSACTION_CONFLICT'
}
