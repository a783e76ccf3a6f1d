import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import { localPhoneCloudId } from './local-cloudid'

interface Props {
  onCloudID: (cloudID: string) => void
}

/**
 * H5 runs only on the local cloud, which has no phone authorisation: the number is typed and wrapped in the
 * local cloud's documented cloudID stand-in, which the function decrypts as it would a real one.
 */
export default function TailButton({ onCloudID }: Props) {
  const [phone, setPhone] = useState('')
  const share = () => onCloudID(localPhoneCloudId(phone))
  return (
    <View className='me-profile-tail-form'>
      <Input className='me-profile-tail-input' type='number' placeholder='手机号（演示）' value={phone} onInput={(e) => setPhone(e.detail.value)} />
      <Button className='btn btn-ghost btn-small me-profile-tail-share' onClick={share}>
        展示手机尾号
      </Button>
    </View>
  )
}
