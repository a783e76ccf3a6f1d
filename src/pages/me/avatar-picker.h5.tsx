import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export type PickedAvatar = { fileId: string } | { base64: string }

interface Props {
  onPicked: (avatar: PickedAvatar) => void
  onError: (message: string) => void
}

const MAX_BYTES = 100 * 1024

/**
 * H5 has no chooseAvatar (it is a WeChat button capability): a picture is chosen from the album and sent as
 * base64, which the function checks and stores (the local cloud has no client upload).
 */
export default function AvatarPicker({ onPicked, onError }: Props) {
  const pick = async () => {
    const picked = await Taro.chooseImage({ count: 1, sourceType: ['album'] }).catch(() => null)
    const path = picked?.tempFilePaths[0]
    if (!path) return
    const blob = await (await fetch(path)).blob()
    if (blob.size > MAX_BYTES) return onError('头像不能超过 100 KB')
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error)
      reader.readAsDataURL(blob)
    })
    onPicked({ base64: dataUrl.slice(dataUrl.indexOf(',') + 1) })
  }
  return (
    <Button className='btn btn-ghost btn-small me-profile-avatar-pick' onClick={pick}>
      选择头像
    </Button>
  )
}
