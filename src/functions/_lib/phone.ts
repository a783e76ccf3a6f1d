import { createHash } from 'node:crypto'

/** The key a bound phone is stored and looked up by: a hash, so the number itself is stored nowhere. */
export const phoneKey = (phone: string) => createHash('sha256').update(phone.replace(/^\+86/, '')).digest('hex')
