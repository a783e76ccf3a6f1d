import { randomBytes } from 'node:crypto'
import { cloud } from './cloud'
import { AppError } from './errors'

export const MAX_AVATAR_BYTES = 100 * 1024

function imageExt(buf: Buffer): 'png' | 'jpg' | null {
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg'
  return null
}

/**
 * The avatar as a cloud storage fileID. weapp: chooseAvatar gives a temporary file that the page uploads
 * under avatars/ and sends as a fileID; H5 (local cloud) sends the picture as base64 and it is stored here.
 * The path is random, never the openid, so a file name leads back to nobody.
 */
export async function storeAvatar(avatar: { fileId: string } | { base64: string }): Promise<string> {
  if ('fileId' in avatar) {
    if (!/\/avatars\/[A-Za-z0-9_-]+\.(png|jpe?g)$/.test(avatar.fileId)) throw new AppError('INVALID_INPUT', '头像须上传到头像目录')
    return avatar.fileId
  }
  const buf = Buffer.from(avatar.base64, 'base64')
  if (buf.length > MAX_AVATAR_BYTES) throw new AppError('INVALID_INPUT', '头像不能超过 100 KB')
  const ext = imageExt(buf)
  if (!ext) throw new AppError('INVALID_INPUT', '只支持 PNG 或 JPEG 图片')
  const { fileID } = await cloud.uploadFile({ cloudPath: `avatars/${randomBytes(12).toString('hex')}.${ext}`, fileContent: buf })
  return fileID
}
