import { createHmac, timingSafeEqual } from 'node:crypto'

/** POS request signing, kept free of the SDK so a test or a POS integration can import it alone. */
export const TIMESTAMP_HEADER = 'x-fanloop-timestamp'
export const SIGNATURE_HEADER = 'x-fanloop-signature'

/** HMAC-SHA256 over `timestamp + '.' + body`, hex; timestamp in Unix seconds. */
export const signBody = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

/** Constant-time comparison of two hex signatures of the right length. */
export function signatureMatches(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'))
}
