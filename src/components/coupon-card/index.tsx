import { Text, View } from '@tarojs/components'
import type { CouponView } from '../../contract'
import { chinaDate, couponThreshold, couponValue } from '../format'
import './index.scss'

interface CouponCardProps {
  coupon: CouponView
}

const STATE_LABEL: Record<CouponView['state'], string> = { usable: '可使用', used: '已使用', expired: '已过期' }

export default function CouponCard({ coupon }: CouponCardProps) {
  return (
    <View className={`coupon-card coupon-card-${coupon.state}`}>
      <View className='coupon-card-value'>
        <Text className='coupon-card-amount'>{couponValue(coupon)}</Text>
        <Text className='coupon-card-threshold'>{couponThreshold(coupon.thresholdFen)}</Text>
      </View>
      <View className='coupon-card-body'>
        <Text className='coupon-card-title'>{coupon.title}</Text>
        <Text className='coupon-card-validity'>
          有效期 {chinaDate(coupon.validFrom)} 至 {chinaDate(coupon.validUntil)}
        </Text>
        <View className='coupon-card-foot'>
          <Text className='coupon-card-code'>券码 {coupon.code}</Text>
          <Text className='coupon-card-state'>{STATE_LABEL[coupon.state]}</Text>
        </View>
      </View>
    </View>
  )
}
