import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { CouponView } from '../../contract'
import { chinaDate, couponThreshold, couponValue } from '../format'
import './index.scss'

interface CouponCardProps {
  coupon: CouponView
  /** one extra line: where it is accepted, when it was used, why it cannot be used now */
  note?: string
  /** shown below the card's body, e.g. the code to show at the till */
  children?: ReactNode
  onClick?: () => void
  className?: string
}

const STATE_LABEL: Record<CouponView['state'], string> = { usable: '可使用', used: '已使用', expired: '已过期' }

export default function CouponCard({ coupon, note, children, onClick, className = '' }: CouponCardProps) {
  return (
    <View className={`coupon-card coupon-card-${coupon.state} ${className}`} onClick={onClick}>
      <View className='coupon-card-main'>
        <View className='coupon-card-value'>
          <Text className='coupon-card-amount'>{couponValue(coupon)}</Text>
          <Text className='coupon-card-threshold'>{couponThreshold(coupon.thresholdFen)}</Text>
        </View>
        <View className='coupon-card-body'>
          <Text className='coupon-card-title'>{coupon.title}</Text>
          <Text className='coupon-card-validity'>
            有效期 {chinaDate(coupon.validFrom)} 至 {chinaDate(coupon.validUntil)}
          </Text>
          {note ? <Text className='coupon-card-note'>{note}</Text> : null}
          <View className='coupon-card-foot'>
            <Text className='coupon-card-code'>券码 {coupon.code}</Text>
            <Text className='coupon-card-state'>{STATE_LABEL[coupon.state]}</Text>
          </View>
        </View>
      </View>
      {children ? <View className='coupon-card-extra'>{children}</View> : null}
    </View>
  )
}
