import { cloud } from './cloud'
import { AppError } from './errors'

export const MAX_GROUP_IMAGE_BYTES = 200 * 1024

/** PNG or JPEG by signature: the page shows it as an image, so anything else is refused, whatever its name. */
function imageExt(buf: Buffer): 'png' | 'jpg' | null {
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg'
  return null
}

/**
 * The QR image as a cloud storage fileID. Two ways in: weapp uploads from the phone with
 * Taro.cloud.uploadFile (the platform way, no size limit on the call) and sends the fileID; H5 has no
 * client upload to the local cloud, so it sends the image as base64 and the function stores it with
 * cloud.uploadFile. A fileID must lie under this store's folder, so one store cannot show another's files.
 */
export async function storeGroupImage(image: { base64: string } | { fileId: string }, storeId: string, groupId: string, now: number): Promise<string> {
  if ('fileId' in image) {
    if (!image.fileId.includes(`/groups/${storeId}/`)) throw new AppError('INVALID_INPUT', '图片须上传到本门店的社群目录')
    return image.fileId
  }
  const buf = Buffer.from(image.base64, 'base64')
  if (buf.length > MAX_GROUP_IMAGE_BYTES) throw new AppError('INVALID_INPUT', '图片不能超过 200 KB')
  const ext = imageExt(buf)
  if (!ext) throw new AppError('INVALID_INPUT', '只支持 PNG 或 JPEG 图片')
  const { fileID } = await cloud.uploadFile({ cloudPath: `groups/${storeId}/${groupId}-${now}.${ext}`, fileContent: buf })
  return fileID
}
