import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { WalletCoupon } from '../../contract/coupons'
import { useCall } from '../../hooks/useCall'
import PageState, { CallStatus } from '../../components/page-state'
import CouponCard from '../../components/coupon-card'
import CouponCode from '../../components/coupon-code'
import { chinaDateTime } from '../../components/format'
import './index.scss'

function noteFor(c: WalletCoupon): string | undefined {
  if (c.state === 'used' && c.redeemedAt !== null) return `使用于 ${chinaDateTime(c.redeemedAt)}`
  if (c.state === 'usable' && c.paused) return '活动暂停中，暂不能使用'
  if (c.state === 'usable' && c.storeNames) return `仅限 ${c.storeNames.join('、')} 使用`
  return undefined
}

const SECTIONS = [
  { key: 'usable', title: '可使用' },
  { key: 'used', title: '已使用' },
  { key: 'expired', title: '已过期' }
] as const

export default function Wallet() {
  const { state, reload } = useCall('wallet', {})
  // The code is shown for one coupon at a time: the one tapped, or the only usable one ('' = none).
  const [open, setOpen] = useState<string | null>(null)
  // Back from the till (or another page) the coupon may just have been used; the first show is the mount's call.
  const seen = useRef(false)
  useDidShow(() => {
    if (seen.current) reload()
    seen.current = true
  })
  usePullDownRefresh(() => {
    reload()
    Taro.stopPullDownRefresh()
  })

  if (state.status !== 'ok') {
    return (
      <View className='page wallet'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const data = state.data
  const total = data.usable.length + data.used.length + data.expired.length
  const shown = open ?? (data.usable.length === 1 ? data.usable[0].couponId : null)

  return (
    <View className='page wallet'>
      <View className='hero wallet-hero'>
        <Text className='hero-title'>{data.usable.length} 张可用</Text>
        <View className='hero-sub'>点开一张券，结账时出示给店员</View>
      </View>
      {total === 0 ? <PageState kind='empty' title='还没有优惠券' message='到店扫码成为粉丝即可领取欢迎礼券' className='wallet-empty' /> : null}
      {SECTIONS.map(({ key, title }) =>
        data[key].length === 0 ? null : (
          <View key={key} className={`wallet-section wallet-${key}`}>
            <View className='section-title'>
              {title}（{data[key].length}）
            </View>
            {data[key].map((c) => (
              <CouponCard
                key={c.couponId}
                coupon={c}
                note={noteFor(c)}
                className={c.paused ? 'coupon-card-paused' : ''}
                onClick={key === 'usable' ? () => setOpen(shown === c.couponId ? '' : c.couponId) : undefined}
              >
                {key === 'usable' && shown === c.couponId && !c.paused ? <CouponCode code={c.code} /> : null}
              </CouponCard>
            ))}
          </View>
        )
      )}
      {data.truncated ? <Text className='muted wallet-truncated'>只显示最近的 100 张券</Text> : null}
      <Button className='btn btn-ghost wallet-refresh' onClick={reload}>
        刷新
      </Button>
    </View>
  )
}
