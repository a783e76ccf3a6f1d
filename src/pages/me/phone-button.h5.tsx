import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import { localPhoneCloudId } from './local-cloudid'

interface Props {
  onCloudID: (cloudID: string) => void
}

/**
 * H5 runs only on the local cloud, which has no WeChat phone authorisation: the number is typed and wrapped
 * in the local cloud's documented cloudID stand-in (`local-cloudid:<base64url JSON>`), which bindPhone
 * decrypts exactly as it would a real one.
 */
export default function PhoneButton({ onCloudID }: Props) {
  const [phone, setPhone] = useState('')
  const bind = () => onCloudID(localPhoneCloudId(phone))
  return (
    <View className='me-phone'>
      <Input className='me-phone-input' type='number' placeholder='手机号（演示）' value={phone} onInput={(e) => setPhone(e.detail.value)} />
      <Button className='btn btn-ghost me-bind-phone' onClick={bind}>
        绑定手机号
      </Button>
    </View>
  )
}
