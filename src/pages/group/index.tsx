import { useEffect, useMemo, useState } from 'react'
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import type { CouponView } from '../../contract'
import { callFunction } from '../../api/client'
import CouponCard from '../../components/coupon-card'
import { groupLastDay } from '../../domain/group-expiry'
import PageState, { CallStatus } from '../../components/page-state'
import { useCall } from '../../hooks/useCall'
import { reportShareTicket } from './share-ticket'
import './index.scss'

type Joined = { coupon: CouponView | null; created: boolean }

/** "Join our group": the store's current group QR, then "I've joined" records it and hands over the group coupon. */
export default function GroupPage() {
  const input = useMemo(() => {
    const storeId = getCurrentInstance().router?.params?.storeId
    return storeId ? { storeId: decodeURIComponent(storeId) } : {}
  }, [])
  const { state, reload } = useCall('groupEntry', input)
  const [joined, setJoined] = useState<Joined | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  useEffect(() => void reportShareTicket(), [])

  if (state.status !== 'ok') {
    return (
      <View className='page group'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const { store, group } = state.data
  if (!group) {
    return (
      <View className='page group'>
        <PageState kind='empty' title='暂时没有可加入的群' message={`${store.name}的社群二维码正在更新，欢迎致电门店或到店咨询`} className='group-none' />
        {store.phone ? (
          <Button className='btn btn-primary group-call' onClick={() => Taro.makePhoneCall({ phoneNumber: store.phone })}>
            致电门店 {store.phone}
          </Button>
        ) : null}
      </View>
    )
  }

  const join = async () => {
    setBusy(true)
    const res = await callFunction('joinGroup', { groupId: group.groupId })
    setBusy(false)
    if (res.ok) setJoined({ coupon: res.data.coupon, created: res.data.created })
    else setError(res.message)
  }
  const preview = () => Taro.previewImage({ urls: [group.qrUrl], current: group.qrUrl, showmenu: true })
  const already = joined !== null || state.data.joined !== null

  return (
    <View className='page group'>
      <View className='card group-card'>
        <View className='section-title'>{store.name} · 门店社群</View>
        <Image className='group-code-image' src={group.qrUrl} mode='aspectFit' showMenuByLongpress onClick={preview} />
        <Text className='group-name'>{group.name}</Text>
        <Text className='muted group-hint'>长按识别二维码加入群聊，二维码有效至 {groupLastDay(group.expiresAt)}</Text>
      </View>
      {already ? (
        <View className='card group-joined'>
          <Text className='group-joined-title'>{joined?.created === false || !joined ? '您已加入门店社群' : '入群成功，欢迎！'}</Text>
          {joined?.coupon ? (
            <View className='group-coupon'>
              <Text className='muted'>{joined.created ? '进群礼已放入券包' : '进群礼已在您的券包中'}</Text>
              <CouponCard coupon={joined.coupon} />
            </View>
          ) : null}
          <Button className='btn btn-ghost group-to-wallet' onClick={() => Taro.navigateTo({ url: '/pages/wallet/index' })}>
            去我的券包
          </Button>
        </View>
      ) : (
        <Button className='btn btn-primary group-join-confirm' loading={busy || undefined} disabled={busy || undefined} onClick={join}>
          我已入群，领取进群礼
        </Button>
      )}
      {error ? <Text className='group-error'>{error}</Text> : null}
    </View>
  )
}
