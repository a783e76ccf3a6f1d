import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { fanByPhone } from './_lib/phone-lookup'
import { fanByMemberCode, recordSaleOnce } from './_lib/sales-record'

/**
 * Staff at the till: the fan's member code (scanned or typed) or the phone they bound on 我的, and the
 * amount. Credited to the staff's store.
 */
export const main = defineFunction('recordSale', async ({ memberCode, phone, amountFen, requestId }, caller) => {
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const fan = memberCode !== undefined ? await fanByMemberCode(memberCode) : await fanByPhone(phone as string)
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
