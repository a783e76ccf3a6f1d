import { PosSaleBody } from '../contract/sales'
import { getDoc } from './_lib/data'
import { defineHttpFunction } from './_lib/define-http'
import type { FanDoc, StaffDoc, StoreDoc } from './_lib/docs'
import { AppError, isDuplicateWrite } from './_lib/errors'
import type { PosRequestDoc } from './_lib/sales-docs'
import { boundPhone } from './_lib/phone-rows'
import { fanByMemberCode, recordSaleOnce } from './_lib/sales-record'

async function fanByPhone(phone: string): Promise<FanDoc> {
  const bound = await boundPhone(phone)
  const fan = bound ? await getDoc<FanDoc>('fans', bound.fanId) : null
  if (!fan) throw new AppError('NOT_FOUND', '这个手机号没有绑定粉丝')
  return fan
}

/**
 * A POS pushes a paid order (HTTP trigger, HMAC-signed; see README). Idempotent on the order id; the
 * request's signature is stored in the sale's transaction, so replaying the same signed request is refused
 * and writes nothing.
 */
export const main = defineHttpFunction('posSale', { secretEnv: 'FANLOOP_POS_SECRET', body: PosSaleBody }, async (body, { signature, now }) => {
  const nonce: PosRequestDoc = { _id: `pos_${signature}`, orderId: body.orderId, at: now }
  // Checked first so a replay writes nothing at all (not even a counter row); the transaction's add is the race-proof check.
  if (await getDoc<PosRequestDoc>('posRequests', nonce._id)) throw new AppError('CONFLICT', '重复的请求（签名已使用过）')
  const store = await getDoc<StoreDoc>('stores', body.storeId)
  if (!store || !store.active) throw new AppError('NOT_FOUND', '门店不存在')
  if (body.staffId) {
    const staff = await getDoc<StaffDoc>('staff', body.staffId)
    if (!staff || !staff.active || staff.storeId !== store._id) throw new AppError('NOT_FOUND', '该门店没有这个导购')
  }
  const fan = body.memberCode ? await fanByMemberCode(body.memberCode) : await fanByPhone(body.phone as string)
  try {
    return await recordSaleOnce({
      fan,
      storeId: store._id,
      amountFen: body.amountFen,
      servingStaffId: body.staffId ?? null,
      source: 'pos',
      idempotencyKey: body.orderId,
      now,
      alsoAdd: { collection: 'posRequests', data: { ...nonce } }
    })
  } catch (err) {
    if (isDuplicateWrite(err) && (await getDoc<PosRequestDoc>('posRequests', nonce._id))) throw new AppError('CONFLICT', '重复的请求（签名已使用过）')
    throw err
  }
})
