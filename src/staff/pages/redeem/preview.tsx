import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../../contract'
import CouponCard from '../../../components/coupon-card'
import { chinaDateTime } from '../../../components/format'

interface PreviewProps {
  preview: OutputOf<'couponPreview'>
}

/** The coupon, whose it is, and the verdict for this store, before anything is written. */
export default function RedeemPreview({ preview }: PreviewProps) {
  const { coupon, fan, usable, message, lastRedemption, storeName } = preview
  const where = coupon.storeNames ? `仅限 ${coupon.storeNames.join('、')}` : '全部门店可用'
  return (
    <View className='redeem-preview'>
      <CouponCard coupon={coupon} note={where} />
      <View className='card redeem-fan'>
        <View className='row'>
          <Text className='muted'>顾客会员码</Text>
          <Text className='redeem-fan-code'>{fan?.memberCode ?? '—'}</Text>
        </View>
        <View className='row'>
          <Text className='muted'>到店次数 / 专属导购</Text>
          <Text>{fan ? `${fan.visits} 次 · ${fan.ownerStaff?.name ?? '门店'}` : '—'}</Text>
        </View>
      </View>
      <View className={`card redeem-verdict ${usable ? 'redeem-verdict-ok' : 'redeem-verdict-no'}`}>
        <Text className='redeem-verdict-title'>{usable ? `可在${storeName}使用` : '不能使用'}</Text>
        <Text className='redeem-reason'>{message}</Text>
        {lastRedemption ? (
          <Text className='muted'>
            {chinaDateTime(lastRedemption.at)} 由 {lastRedemption.staffName}（{lastRedemption.storeName}）核销
          </Text>
        ) : null}
      </View>
    </View>
  )
}
