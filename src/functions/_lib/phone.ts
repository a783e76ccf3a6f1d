import { createHash, createHmac } from 'node:crypto'
import { signingKey } from './secrets'

/** The key before #18.21: a bare SHA-256 of an 11-digit number, which enumeration reverses in minutes. */
export const legacyPhoneKey = (phone: string) => createHash('sha256').update(phone.replace(/^\+86/, '')).digest('hex')

/** The secret for phone keys: FANLOOP_PHONE_KEY when set, else the signing key (both from the environment). */
function phoneSecret(): string {
  const key = process.env.FANLOOP_PHONE_KEY
  return key && key.length >= 16 ? key : signingKey()
}

/** A legacy key re-keyed with the secret: rows can be migrated without knowing the number. */
export const keyedFromLegacy = (legacy: string) => `ph_${createHmac('sha256', phoneSecret()).update(`phone:${legacy}`).digest('hex')}`

/**
 * The key a bound phone is stored and looked up by: a keyed hash (HMAC with a secret from the function's
 * environment), so neither the number nor anything an enumeration of numbers could match is stored.
 */
export const phoneKey = (phone: string) => keyedFromLegacy(legacyPhoneKey(phone))
