import { AppError } from './errors'

/**
 * Secrets live in the function's environment variables (set in the Cloud Development console, or by the
 * local cloud), never in the database the client can reach and never in an answer or a log line.
 */
export function signingKey(): string {
  const key = process.env.FANLOOP_SIGNING_KEY
  if (!key || key.length < 16) throw new AppError('INTERNAL', '服务尚未配置签名密钥')
  return key
}
