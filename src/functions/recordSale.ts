import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { fanByMemberCode, recordSaleOnce } from './_lib/sales-record'

/** Staff at the till: the fan's member code (scanned or typed) and the amount. Credited to the staff's store. */
export const main = defineFunction('recordSale', async ({ memberCode, amountFen, requestId }, caller) => {
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const fan = await fanByMemberCode(memberCode)
  // Keyed by staff and request: a double tap or a retried request records one sale.
  return recordSaleOnce({
    fan,
    storeId: staff.storeId,
    amountFen,
    servingStaffId: staff._id,
    source: 'staff',
    idempotencyKey: `${staff._id}:${requestId}`,
    now: Date.now()
  })
})
