/**
 * Stable error codes. Clients branch on these, tests pin them, so a code is never renamed;
 * add a new one instead. Messages are Chinese because they reach the shopper as they are.
 */
export const ERROR_CODES = {
  INVALID_INPUT: '请求参数不正确',
  UNAUTHENTICATED: '未识别到微信身份',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '要找的内容不存在',
  INVALID_CODE: '二维码无效或已失效',
  CONFLICT: '操作冲突，请刷新后重试',
  BUSY: '系统繁忙，请稍后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNKNOWN_FUNCTION: '没有这个云函数',
  // the function ran past its deploy timeout and was stopped (the cloud's -504003 "Invoking task timed out")
  TIMEOUT: '服务响应超时，请稍后再试',
  INTERNAL: '服务出错了，请稍后再试'
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export type Failure = { ok: false; code: ErrorCode; message: string }
export type Success<T> = { ok: true; data: T }
export type Result<T> = Success<T> | Failure

export function failure(code: ErrorCode, message: string = ERROR_CODES[code]): Failure {
  return { ok: false, code, message }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value)
}
