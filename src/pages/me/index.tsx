import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCall } from '../../hooks/useCall'
import { CallStatus } from '../../components/page-state'
import RoleBadge from '../../components/role-badge'
import { chinaDate } from '../../components/format'
import AccountActions from './account-actions'
import Purchases from './purchases'
import PrivacyCard from './privacy-card'
import ProfileCard from './profile-card'
import './index.scss'

export default function Me() {
  const { state, reload, setState } = useCall('session', {})
  if (state.status !== 'ok') {
    return (
      <View className='page me'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const { role, staff, fan } = state.data
  // After a deletion the fan record is gone: show the page as for a non-fan, keeping the "deleted" notice in place.
  const deleted = () => setState({ status: 'ok', data: { ...state.data, fan: null } })

  return (
    <View className='page me'>
      <View className='card me-head row'>
        <Text className='section-title'>我的</Text>
        <RoleBadge role={role} />
      </View>
      {staff ? (
        <View className='card me-staff'>
          <Text className='muted'>员工身份</Text>
          <View className='me-staff-name'>
            {staff.name} · {staff.storeName}
          </View>
        </View>
      ) : null}
      {fan ? (
        <View className='card me-fan'>
          <Text className='muted'>会员码（结账时出示给店员）</Text>
          <View className='member-code'>{fan.memberCode}</View>
          <View className='me-stats'>
            <View className='me-stat'>
              <Text className='me-stat-value me-visits'>{fan.visits}</Text>
              <Text className='muted'>到店次数</Text>
            </View>
            <View className='me-stat'>
              <Text className='me-stat-value me-owner'>{fan.ownerStaff?.name ?? '门店'}</Text>
              <Text className='muted'>专属导购</Text>
            </View>
            <View className='me-stat'>
              <Text className='me-stat-value'>{chinaDate(fan.since)}</Text>
              <Text className='muted'>成为粉丝</Text>
            </View>
          </View>
        </View>
      ) : null}
      {fan ? <AccountActions phoneBound={fan.phoneBound ?? false} /> : null}
      {fan ? <ProfileCard /> : null}
      {fan ? <Purchases /> : null}
      {fan ? (
        <Button className='btn btn-ghost me-to-wallet' onClick={() => Taro.navigateTo({ url: '/pages/wallet/index' })}>
          我的优惠券
        </Button>
      ) : (
        <View className='card me-not-fan'>
          <View className='section-title'>您还不是门店粉丝</View>
          <Text className='muted'>到店扫描门店或导购的二维码，即可成为粉丝并领取欢迎礼券。</Text>
          <Button className='btn btn-primary me-to-wallet' onClick={() => Taro.navigateTo({ url: '/pages/wallet/index' })}>
            我的优惠券
          </Button>
          <Button className='btn btn-ghost' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
            查看门店
          </Button>
        </View>
      )}
      <PrivacyCard onDeleted={deleted} />
    </View>
  )
}
