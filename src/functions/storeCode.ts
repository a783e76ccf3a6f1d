import { signScene } from '../domain/scene-signature'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { qrImageUrl } from './_lib/qr'
import { managedStore } from './_lib/scope'
import { signingKey } from './_lib/secrets'

export const main = defineFunction('storeCode', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const store = await managedStore(caller.staff, storeId)
  const scene = signScene(signingKey(), 'store', store._id, store.codeVersion)
  const qr = await qrImageUrl(scene, `codes/store/${store._id}-v${store.codeVersion}.png`)
  return { scene, qrUrl: qr.url, storeName: store.name }
})
