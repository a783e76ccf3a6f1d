import { useEffect } from 'react'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { useCall } from '../../../hooks/useCall'
import { CallStatus } from '../../../components/page-state'
import StaffPoster from '../../../components/staff-poster'
import './index.scss'

export default function StaffCode() {
  const { state, reload } = useCall('staffCode', {})
  const code = state.status === 'ok' ? state.data : null

  useEffect(() => {
    // withShareTicket: a card opened inside a group then reveals the group (openGId) to the check-in.
    if (process.env.TARO_ENV === 'weapp') Taro.showShareMenu({ withShareTicket: true })
  }, [])

  useShareAppMessage(() =>
    code ? { title: `${code.staffName}邀您到${code.storeName}领取到店礼`, path: code.path } : { title: 'fanloop 粉丝通', path: '/pages/index/index' }
  )

  if (!code) {
    return (
      <View className='page staff-code'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  return (
    <View className='page staff-code'>
      <View className='card staff-code-card'>
        <Text className='staff-code-name'>{code.staffName}</Text>
        <Text className='muted staff-code-store'>{code.storeName}</Text>
        <Image className='staff-qr' src={code.qrUrl} mode='scaleToFill' showMenuByLongpress />
        <Text className='muted'>请顾客用微信扫一扫，即可成为您的粉丝</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='btn btn-primary staff-share' openType='share'>
          分享给顾客
        </Button>
      ) : (
        <View className='card staff-share-path'>
          <Text className='muted'>在微信里打开本页，可把邀请卡片直接分享给顾客；这里也可以生成海报发给顾客或打印。</Text>
        </View>
      )}
      <StaffPoster
        brandName={code.brandName ?? code.storeName}
        storeName={code.storeName}
        headline={`导购 ${code.staffName} 邀您到店`}
        qrUrl={code.qrUrl}
        fileName={`海报-${code.storeName}-${code.staffName}`}
      />
    </View>
  )
}
