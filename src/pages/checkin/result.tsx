import { Text, View } from '@tarojs/components'
import type { OutputOf } from '../../contract'
import CouponCard from '../../components/coupon-card'
import GroupEntry from '../../components/group-entry'
import StoreCard from '../../components/store-card'

interface CheckinResultProps {
  result: OutputOf<'checkin'>
}

/** What a successful check-in shows: welcome, store, serving staff, coupons just issued, group. */
export default function CheckinResult({ result }: CheckinResultProps) {
  const { isNewFan, store, servingStaff, visitCount, couponsIssued, group } = result
  return (
    <View className='checkin-result'>
      <View className={`hero ${isNewFan ? 'checkin-welcome' : 'checkin-welcome-back'}`}>
        <Text className='hero-title'>{isNewFan ? '欢迎成为粉丝' : '欢迎回来'}</Text>
        <View className='hero-sub'>
          {store.name} · 这是您第 <Text className='visit-count'>{visitCount}</Text> 次到店
        </View>
      </View>

      <StoreCard store={store} className='checkin-store' />

      {servingStaff ? (
        <View className='card checkin-staff row'>
          <Text className='muted'>为您服务的导购</Text>
          <Text className='checkin-staff-name'>{servingStaff.name}</Text>
        </View>
      ) : null}

      {couponsIssued.length > 0 ? (
        <View className='checkin-coupons'>
          <View className='section-title'>送您的优惠券</View>
          {couponsIssued.map((c) => (
            <CouponCard key={c.couponId} coupon={c} />
          ))}
        </View>
      ) : null}

      {group ? <GroupEntry group={group} /> : null}
    </View>
  )
}
