import type { z } from 'zod'
import { failure, type ErrorCode, type Failure, type Result } from '../../contract'
import { cloud } from './cloud'
import { AppError } from './errors'
import { SIGNATURE_HEADER, signatureMatches, signBody, TIMESTAMP_HEADER } from './sales-signature'

/** How far a request's timestamp may be from our clock; together with the stored signature it stops replays. */
export const HTTP_CLOCK_SKEW_MS = 5 * 60_000

/** What an HTTP trigger hands the function (API gateway shape; the local cloud's POST /http/<name> sends the same). */
interface HttpEvent {
  httpMethod: string
  headers: Record<string, unknown>
  body: string
  isBase64Encoded?: boolean
}
interface HttpAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
}
export interface Signed {
  /** hex HMAC of the request: unique per request, so it doubles as the replay key */
  signature: string
  now: number
}

const STATUS: Partial<Record<ErrorCode, number>> = { INVALID_INPUT: 400, NOT_FOUND: 400, UNAUTHENTICATED: 401, FORBIDDEN: 401, CONFLICT: 409, BUSY: 409 }
const answer = (statusCode: number, result: Result<unknown>): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(result)
})
const refuse = (code: ErrorCode, message?: string): HttpAnswer => answer(STATUS[code] ?? 500, failure(code, message))

function isHttpEvent(e: unknown): e is HttpEvent {
  const x = e as Partial<HttpEvent> | null
  return !!x && typeof x === 'object' && typeof x.httpMethod === 'string' && typeof x.body === 'string' && !!x.headers && typeof x.headers === 'object'
}

function verify(event: HttpEvent, secret: string, now: number): Failure | Signed {
  const headers = Object.fromEntries(Object.entries(event.headers).map(([k, v]) => [k.toLowerCase(), typeof v === 'string' ? v : '']))
  const ts = headers[TIMESTAMP_HEADER] ?? ''
  const sig = (headers[SIGNATURE_HEADER] ?? '').toLowerCase()
  if (!/^\d{10}$/.test(ts) || !/^[0-9a-f]{64}$/.test(sig)) return failure('UNAUTHENTICATED', '缺少签名或时间戳')
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
  const expected = signBody(secret, ts, body)
  if (!signatureMatches(expected, sig)) return failure('UNAUTHENTICATED', '签名不正确')
  // Checked after the signature so an unsigned caller learns nothing about our clock.
  if (Math.abs(now - Number(ts) * 1000) > HTTP_CLOCK_SKEW_MS) return failure('UNAUTHENTICATED', '时间戳已过期，请校准 POS 时钟')
  return { signature: sig, now }
}

/**
 * An HTTP-triggered function authenticated by an HMAC signature with a shared secret instead of an openid.
 * A callFunction event (an openid, or no HTTP shape) is refused UNAUTHENTICATED in the usual envelope and
 * never writes; HTTP answers carry the same envelope as their JSON body.
 */
export function defineHttpFunction<S extends z.ZodTypeAny, T>(
  name: string,
  opts: { secretEnv: string; body: S },
  handler: (body: z.infer<S>, signed: Signed) => Promise<T>
) {
  return async function main(event: unknown): Promise<HttpAnswer | Failure> {
    const { OPENID } = cloud.getWXContext()
    if (OPENID || !isHttpEvent(event)) return failure('UNAUTHENTICATED', '此接口只接受带签名的 HTTP 请求')
    const secret = process.env[opts.secretEnv]
    if (!secret) {
      console.error(`[${name}] ${opts.secretEnv} is not set`)
      return refuse('UNAUTHENTICATED', '接口未配置密钥')
    }
    try {
      if (event.httpMethod.toUpperCase() !== 'POST') return refuse('INVALID_INPUT', '只接受 POST')
      const signed = verify(event, secret, Date.now())
      if ('ok' in signed) return refuse(signed.code, signed.message)
      let json: unknown
      try {
        json = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body)
      } catch {
        return refuse('INVALID_INPUT', '请求体不是 JSON')
      }
      const parsed = opts.body.safeParse(json)
      if (!parsed.success) return refuse('INVALID_INPUT', `参数不正确：${parsed.error.issues[0]?.message ?? ''}`.slice(0, 200))
      return answer(200, { ok: true, data: await handler(parsed.data, signed) })
    } catch (err) {
      if (err instanceof AppError) return refuse(err.code, err.code === 'INTERNAL' ? undefined : err.message)
      console.error(`[${name}] failed: ${err instanceof Error ? err.message : String(err)}`)
      return refuse('INTERNAL')
    }
  }
}
