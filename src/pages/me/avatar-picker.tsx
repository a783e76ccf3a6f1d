import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'

export type PickedAvatar = { fileId: string } | { base64: string }

interface Props {
  onPicked: (avatar: PickedAvatar) => void
  onError: (message: string) => void
}

/**
 * WeChat's avatar fill-in (头像昵称填写): the button opens the platform's own picker, which offers the
 * WeChat avatar or a photo, and answers a temporary file. It is uploaded to cloud storage under a random
 * name and the function keeps the fileID.
 */
export default function AvatarPicker({ onPicked, onError }: Props) {
  return (
    <Button
      className='btn btn-ghost btn-small me-profile-avatar-pick'
      openType='chooseAvatar'
      onChooseAvatar={async (e) => {
        const path = (e.detail as { avatarUrl?: string }).avatarUrl
        if (!path) return
        try {
          const ext = /\.jpe?g$/i.test(path) ? 'jpg' : 'png'
          const name = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
          const res = await Taro.cloud.uploadFile({ cloudPath: `avatars/${name}.${ext}`, filePath: path })
          onPicked({ fileId: res.fileID })
        } catch {
          onError('头像上传失败，请重试')
        }
      }}
    >
      选择头像
    </Button>
  )
}
