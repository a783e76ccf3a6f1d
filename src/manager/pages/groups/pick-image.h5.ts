import Taro from '@tarojs/taro'
import type { PickedImage } from './pick-image'

export type { PickedImage }

const MAX_BYTES = 200 * 1024

/** H5 (local cloud): no client upload, so the image travels as base64 in the request (≤ 200 KB). */
export async function pickGroupImage(_storeId: string): Promise<PickedImage | null> {
  const picked = await Taro.chooseImage({ count: 1, sourceType: ['album'] }).catch(() => null)
  const path = picked?.tempFilePaths[0]
  if (!path) return null
  const blob = await (await fetch(path)).blob()
  if (blob.size > MAX_BYTES) throw new Error('图片不能超过 200 KB，请截图后再上传')
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
  return { base64: dataUrl.slice(dataUrl.indexOf(',') + 1) }
}
