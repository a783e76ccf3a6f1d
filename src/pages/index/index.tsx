import { Text, View } from '@tarojs/components'
import { useCall } from '../../hooks/useCall'
import NavButtons, { type NavLink } from '../../components/nav-buttons'
import PersonaSwitcher from '../../components/persona-switcher'
import PageState, { CallStatus } from '../../components/page-state'
import RoleBadge from '../../components/role-badge'
import StoreCard from '../../components/store-card'
import './index.scss'

const SHOPPER_LINKS: NavLink[] = [
  { name: 'me', label: '我的会员码', url: '/pages/me/index', primary: true },
  { name: 'wallet', label: '我的优惠券', url: '/pages/wallet/index' },
  { name: 'nearby', label: '附近门店', url: '/pages/nearby/index' }
]
const STAFF_LINKS: NavLink[] = [
  { name: 'staff-code', label: '我的导购码', url: '/staff/pages/code/index' },
  { name: 'staff-fans', label: '我的粉丝', url: '/staff/pages/fans/index' },
  { name: 'staff-book', label: '顾客名册与今日跟进', url: '/staff/pages/book/index' },
  { name: 'staff-redeem', label: '核销优惠券', url: '/staff/pages/redeem/index' },
  { name: 'staff-sale', label: '记录消费', url: '/staff/pages/sale/index' },
  { name: 'staff-kpi', label: '我的业绩', url: '/staff/pages/kpi/index' }
]
const MANAGER_LINKS: NavLink[] = [
  { name: 'manager', label: '店长总览', url: '/manager/pages/overview/index' },
  { name: 'dashboard', label: '数据看板', url: '/manager/pages/dashboard/index' },
  { name: 'coupon-templates', label: '优惠券模板', url: '/manager/pages/coupons/index' }
]

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
        <NavButtons links={SHOPPER_LINKS} />
        {role === 'staff' || role === 'manager' ? (
          <View className='home-nav-staff'>
            <NavButtons links={STAFF_LINKS} />
          </View>
        ) : null}
        {role === 'manager' ? (
          <View className='home-nav-manager'>
            <NavButtons links={MANAGER_LINKS} />
          </View>
        ) : null}
        {session.state.status === 'error' ? <Text className='muted home-session-error'>身份读取失败：{session.state.message}</Text> : null}
      </View>

      <View className='section-title'>门店</View>
      <CallStatus state={stores.state} onRetry={stores.reload} />
      {stores.state.status === 'ok' && stores.state.data.stores.length === 0 ? <PageState kind='empty' title='还没有门店' className='store-empty' /> : null}
      {stores.state.status === 'ok' ? stores.state.data.stores.map((s) => <StoreCard key={s.storeId} store={s} className='store-row' />) : null}
    </View>
  )
}
