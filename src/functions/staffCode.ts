import { signScene } from '../domain/scene-signature'
import { db } from './_lib/cloud'
import { getDoc, getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { CHECKIN_PAGE, qrImageUrl } from './_lib/qr'
import { signingKey } from './_lib/secrets'

export const main = defineFunction('staffCode', async (_input, caller) => {
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const scene = signScene(signingKey(), 'staff', staff._id, staff.codeVersion)
  const cached = staff.qrVersion === staff.codeVersion ? staff.qrFileId : undefined
  const [qr, store, settings] = await Promise.all([
    qrImageUrl(scene, `codes/staff/${staff._id}-v${staff.codeVersion}.png`, cached),
    getDoc<StoreDoc>('stores', staff.storeId),
    getSettings()
  ])
  if (!cached)
    await db
      .collection('staff')
      .doc(staff._id)
      .update({ data: { qrFileId: qr.fileId, qrVersion: staff.codeVersion } })
  return {
    scene,
    path: `${CHECKIN_PAGE}?scene=${encodeURIComponent(scene)}&via=share`,
    qrUrl: qr.url,
    staffName: staff.name,
    storeName: store?.name ?? '',
    brandName: settings.brandName
  }
})
