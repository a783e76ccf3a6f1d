import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { callFunction } from '../../api/client'
import { askReminderConsent } from './consent'
import PhoneButton from './phone-button'

/** Things a fan can switch on for themself: phone lookup at the till, and a reminder when a coupon waits. */
export default function AccountActions({ phoneBound = false }: { phoneBound?: boolean }) {
  const [notice, setNotice] = useState('')
  // shown from the session (so it survives a reload), and turned on by a bind made here
  const [bound, setBound] = useState(phoneBound)
  const remind = async () => {
    const accepted = await askReminderConsent().catch(() => false)
    const res = await callFunction('subscribeWinBack', { accepted })
    setNotice(res.ok ? (accepted ? `已订阅，可再收到 ${res.data.balance} 次优惠提醒` : '未订阅提醒') : res.message)
  }
  const bind = async (cloudID: string) => {
    const res = await callFunction('bindPhone', { cloudID })
    if (res.ok) setBound(true)
    setNotice(res.ok ? `已绑定手机号 ${res.data.masked}，结账时报手机号即可` : res.message)
  }
  return (
    <View className='card me-actions'>
      {bound ? <Text className='me-phone-bound'>已绑定手机号，结账时报手机号即可；可重新绑定新号码</Text> : null}
      <PhoneButton onCloudID={bind} />
      <Button className='btn btn-ghost me-remind' onClick={remind}>
        订阅优惠提醒
      </Button>
      {notice ? <Text className='muted me-notice'>{notice}</Text> : null}
    </View>
  )
}
