import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCall } from '../../hooks/useCall'
import PersonaSwitcher from '../../components/persona-switcher'
import PageState, { CallStatus } from '../../components/page-state'
import RoleBadge from '../../components/role-badge'
import StoreCard from '../../components/store-card'
import './index.scss'

const go = (url: string) => () => Taro.navigateTo({ url })

export default function Home() {
  const session = useCall('session', {})
  const stores = useCall('storeList', {})
  const role = session.state.status === 'ok' ? session.state.data.role : null
  const brandName = stores.state.status === 'ok' ? stores.state.data.brandName : 'fanloop 粉丝通'

  return (
    <View className='page home'>
      <View className='hero home-hero'>
        <Text className='hero-title home-brand'>{brandName}</Text>
        <View className='hero-sub'>到店扫码成为粉丝，优惠与活动不错过</View>
        <View className='home-role'>{role ? <RoleBadge role={role} /> : null}</View>
      </View>

      <PersonaSwitcher />

      <View className='card home-nav'>
        <Button className='btn btn-primary nav-me' onClick={go('/pages/me/index')}>
          我的会员码
        </Button>
        <Button className='btn btn-ghost nav-wallet' onClick={go('/pages/wallet/index')}>
          我的优惠券
        </Button>
        <Button className='btn btn-ghost nav-nearby' onClick={go('/pages/nearby/index')}>
          附近门店
        </Button>
        {role === 'staff' || role === 'manager' ? (
          <View className='home-nav-staff'>
            <Button className='btn btn-ghost nav-staff-code' onClick={go('/staff/pages/code/index')}>
              我的导购码
            </Button>
            <Button className='btn btn-ghost nav-staff-fans' onClick={go('/staff/pages/fans/index')}>
              我的粉丝
            </Button>
            <Button className='btn btn-ghost nav-staff-redeem' onClick={go('/staff/pages/redeem/index')}>
              核销优惠券
            </Button>
            <Button className='btn btn-ghost nav-staff-sale' onClick={go('/staff/pages/sale/index')}>
              记录消费
            </Button>
            <Button className='btn btn-ghost nav-staff-kpi' onClick={go('/staff/pages/kpi/index')}>
              我的业绩
            </Button>
          </View>
        ) : null}
        {role === 'manager' ? (
          <View className='home-nav-manager'>
            <Button className='btn btn-ghost nav-manager' onClick={go('/manager/pages/overview/index')}>
              店长总览
            </Button>
            <Button className='btn btn-ghost nav-dashboard' onClick={go('/manager/pages/dashboard/index')}>
              数据看板
            </Button>
            <Button className='btn btn-ghost nav-coupon-templates' onClick={go('/manager/pages/coupons/index')}>
              优惠券模板
            </Button>
          </View>
        ) : null}
        {session.state.status === 'error' ? <Text className='muted home-session-error'>身份读取失败：{session.state.message}</Text> : null}
      </View>

      <View className='section-title'>门店</View>
      <CallStatus state={stores.state} onRetry={stores.reload} />
      {stores.state.status === 'ok' && stores.state.data.stores.length === 0 ? (
        <PageState kind='empty' title='还没有门店' className='store-empty' />
      ) : null}
      {stores.state.status === 'ok'
        ? stores.state.data.stores.map((s) => <StoreCard key={s.storeId} store={s} className='store-row' />)
        : null}
    </View>
  )
}
