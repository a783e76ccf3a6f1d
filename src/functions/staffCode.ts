import { signScene } from '../domain/scene-signature'
import { cloud, db } from './_lib/cloud'
import { getDoc } from './_lib/data'
import { defineFunction } from './_lib/define'
import type { StaffDoc, StoreDoc } from './_lib/docs'
import { AppError } from './_lib/errors'
import { signingKey } from './_lib/secrets'

const CHECKIN_PAGE = 'pages/checkin/index'

/** The QR image for this code version, made once (wxacode quota is limited) and kept in cloud storage. */
async function qrFileFor(staff: StaffDoc, scene: string): Promise<string> {
  if (staff.qrFileId && staff.qrVersion === staff.codeVersion) return staff.qrFileId
  const image = await cloud.openapi.wxacode.getUnlimited({ scene, page: CHECKIN_PAGE, checkPath: false, width: 430 })
  const { fileID } = await cloud.uploadFile({ cloudPath: `codes/staff/${staff._id}-v${staff.codeVersion}.png`, fileContent: image.buffer })
  await db.collection('staff').doc(staff._id).update({ data: { qrFileId: fileID, qrVersion: staff.codeVersion } })
  return fileID
}

export const main = defineFunction('staffCode', async (_input, caller) => {
  const staff = caller.staff
  if (!staff) throw new AppError('FORBIDDEN')
  const scene = signScene(signingKey(), 'staff', staff._id, staff.codeVersion)
  const [fileId, store] = await Promise.all([qrFileFor(staff, scene), getDoc<StoreDoc>('stores', staff.storeId)])
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileId] })
  return {
    scene,
    path: `${CHECKIN_PAGE}?scene=${encodeURIComponent(scene)}&via=share`,
    qrUrl: fileList[0]?.tempFileURL ?? '',
    staffName: staff.name,
    storeName: store?.name ?? ''
  }
})
