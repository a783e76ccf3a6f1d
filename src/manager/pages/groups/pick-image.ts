import Taro from '@tarojs/taro'

export type PickedImage = { fileId: string } | { base64: string }

/**
 * weapp: the platform way — the phone uploads to cloud storage itself and the function gets a fileID.
 * The folder names the store; saveGroupCode refuses a fileID outside it.
 */
export async function pickGroupImage(storeId: string): Promise<PickedImage | null> {
  const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album'], sizeType: ['compressed'] }).catch(() => null)
  const file = picked?.tempFiles[0]
  if (!file) return null
  const ext = /\.png$/i.test(file.tempFilePath) ? 'png' : 'jpg'
  const res = await Taro.cloud.uploadFile({ cloudPath: `groups/${storeId}/${Date.now()}.${ext}`, filePath: file.tempFilePath })
  return { fileId: res.fileID }
}
