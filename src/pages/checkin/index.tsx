import { useMemo } from 'react'
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { sceneFromOptions } from '../../domain/scene'
import type { InputOf } from '../../contract'
import { useCall } from '../../hooks/useCall'
import PageState, { CallStatus } from '../../components/page-state'
import { deviceFingerprint } from './device'
import CheckinResult from './result'
import './index.scss'

type Via = NonNullable<InputOf<'checkin'>['via']>

/** Reads the raw page options once: `scene` (wxacode, URL-encoded), `q` (plain-link QR) or a shared card. */
function readEntry(): InputOf<'checkin'> | null {
  const params = (getCurrentInstance().router?.params ?? {}) as Record<string, string | undefined>
  const scene = sceneFromOptions(params)
  if (!scene) return null
  const via: Via = params.via === 'share' ? 'share' : !params.scene && params.q ? 'link' : 'scan'
  const device = deviceFingerprint()
  return device ? { scene, via, device } : { scene, via }
}

const home = () => Taro.reLaunch({ url: '/pages/index/index' })

export default function Checkin() {
  const entry = useMemo(readEntry, [])
  // useCall keeps the request in a ref: StrictMode's second effect joins it instead of checking in twice.
  const { state, reload } = useCall('checkin', entry)

  if (!entry) {
    return (
      <View className='page checkin'>
        <PageState kind='empty' title='请扫描门店或导购的二维码' message='在门店收银台或导购处扫码，即可签到并领取到店礼' className='checkin-no-scene' />
        <Button className='btn btn-ghost' onClick={home}>
          查看门店
        </Button>
      </View>
    )
  }
  if (state.status === 'error' && state.code === 'INVALID_CODE') {
    return (
      <View className='page checkin'>
        <PageState kind='error' title='二维码无效或已失效' message='请向店员索取最新的二维码后重新扫码' className='invalid-code' />
        <Button className='btn btn-ghost' onClick={home}>
          回到首页
        </Button>
      </View>
    )
  }
  if (state.status !== 'ok') {
    return (
      <View className='page checkin'>
        <CallStatus state={state} onRetry={reload} loadingText='正在签到…' />
      </View>
    )
  }
  return (
    <View className='page checkin'>
      <CheckinResult result={state.data} />
      {state.data.couponsIssued.length > 0 ? (
        <Button className='btn btn-primary checkin-to-wallet' onClick={() => Taro.navigateTo({ url: '/pages/wallet/index' })}>
          去我的券包
        </Button>
      ) : null}
      <Button className='btn btn-ghost checkin-to-me' onClick={() => Taro.navigateTo({ url: '/pages/me/index' })}>
        查看我的会员码
      </Button>
      <Text className='muted checkin-foot'>欢迎常来，每次到店扫码都会记录您的到店次数</Text>
    </View>
  )
}
