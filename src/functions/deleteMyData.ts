import { defineFunction } from './_lib/define'
import { ERASE_BUDGET_MS, eraseMyData } from './_lib/privacy-erase'

/**
 * "Delete my data": the caller's fan record, phone hash, consents and group sightings are deleted; their
 * visits, coupons, redemptions, sales and group joins stay for the store's figures under an unlinkable
 * id (see src/domain/privacy.ts). A long history may take more than one call: complete says when done.
 */
export const main = defineFunction('deleteMyData', async (_input, caller) => {
  const now = Date.now()
  return eraseMyData(caller.openid, { now, deadline: now + ERASE_BUDGET_MS })
})
