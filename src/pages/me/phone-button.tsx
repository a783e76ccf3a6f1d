import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

interface Props {
  onCloudID: (cloudID: string) => void
}

/** WeChat's phone authorisation: the page only ever sees a cloudID, which the bindPhone function decrypts. */
export default function PhoneButton({ onCloudID }: Props) {
  return (
    <Button
      className='btn btn-ghost me-bind-phone'
      openType='getPhoneNumber'
      onGetPhoneNumber={(e) => {
        const cloudID = (e.detail as { cloudID?: string }).cloudID
        if (cloudID) onCloudID(cloudID)
        // Refused or closed: WeChat itself says nothing, so the page does; the button stays for a later try.
        else Taro.showToast({ title: '未授权手机号，可稍后再绑定', icon: 'none' })
      }}
    >
      绑定手机号
    </Button>
  )
}
