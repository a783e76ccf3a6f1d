import { signScene } from '../domain/scene-signature'
import { getSettings } from './_lib/data'
import { defineFunction } from './_lib/define'
import { AppError } from './_lib/errors'
import { qrImageUrl } from './_lib/qr'
import { managedStore } from './_lib/scope'
import { signingKey } from './_lib/secrets'

export const main = defineFunction('storeCode', async ({ storeId }, caller) => {
  if (!caller.staff) throw new AppError('FORBIDDEN')
  const store = await managedStore(caller.staff, storeId)
  const scene = signScene(signingKey(), 'store', store._id, store.codeVersion)
  const [qr, settings] = await Promise.all([qrImageUrl(scene, `codes/store/${store._id}-v${store.codeVersion}.png`), getSettings()])
  return { scene, qrUrl: qr.url, storeName: store.name, brandName: settings.brandName }
})
