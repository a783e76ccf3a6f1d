import { Button } from '@tarojs/components'

interface Props {
  onCloudID: (cloudID: string) => void
}

/**
 * Sharing the phone tail takes a fresh phone authorisation: the page only sees a cloudID, and the function
 * keeps the last four digits (and the number's hash, as binding does), never the number.
 */
export default function TailButton({ onCloudID }: Props) {
  return (
    <Button
      className='btn btn-ghost btn-small me-profile-tail-share'
      openType='getPhoneNumber'
      onGetPhoneNumber={(e) => {
        const cloudID = (e.detail as { cloudID?: string }).cloudID
        if (cloudID) onCloudID(cloudID)
      }}
    >
      展示手机尾号
    </Button>
  )
}
