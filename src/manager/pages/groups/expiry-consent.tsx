import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'

/**
 * A subscribe message needs the manager's consent, one per message, asked from a tap: without it the
 * expiry warning can only show as the page badge. The platform keeps no readable balance; a send without
 * consent fails, which the warning code tolerates.
 */
export default function ExpiryConsent() {
  const [done, setDone] = useState(false)
  const ask = async () => {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: [FANLOOP_GROUP_EXPIRY_TEMPLATE], entityIds: [] } as never).catch(() => ({}))) as Record<
      string,
      string
    >
    setDone(res[FANLOOP_GROUP_EXPIRY_TEMPLATE] === 'accept')
  }
  return (
    <Button className='btn btn-ghost groups-consent' onClick={ask}>
      {done ? '已订阅一次到期提醒' : '订阅群码到期提醒'}
    </Button>
  )
}
