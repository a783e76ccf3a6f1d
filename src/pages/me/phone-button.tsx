import { Button } from '@tarojs/components'

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
      }}
    >
      绑定手机号
    </Button>
  )
}
