import { createHmac } from 'node:crypto'
import { db } from './cloud'
import { getDoc } from './data'
import { isDuplicateWrite } from './errors'
import { signingKey } from './secrets'

/**
 * What deleteMyData keeps so that a former fan who scans again is not welcomed as new (a second welcome
 * gift, a second "new fan" for the staff member): only a keyed hash of the openid. Without the brand's
 * signing key it cannot be computed from an openid, nor reversed.
 */
export const FORMER_FANS = 'formerFans'
export const formerFanKey = (openid: string) => `ff_${createHmac('sha256', signingKey()).update(`former-fan:${openid}`).digest('hex').slice(0, 40)}`

export async function rememberFormerFan(openid: string): Promise<void> {
  try {
    await db.collection(FORMER_FANS).add({ data: { _id: formerFanKey(openid) } })
  } catch (err) {
    if (!isDuplicateWrite(err)) throw err
  }
}

export async function isFormerFan(openid: string): Promise<boolean> {
  return (await getDoc(FORMER_FANS, formerFanKey(openid))) !== null
}
