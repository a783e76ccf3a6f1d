import { Text, View } from '@tarojs/components'
import { callFunction } from '../../../api/client'
import type { AttributionPolicy } from '../../../contract'
import { useCall } from '../../../hooks/useCall'
import { CallStatus } from '../../../components/page-state'
import NavButtons, { type NavLink } from '../../../components/nav-buttons'
import PolicyForm from '../../../components/policy-form'
import PolicySummary from '../../../components/policy-form/summary'
import './index.scss'

const LINKS: NavLink[] = [
  { name: 'dashboard', label: '数据看板', url: '/manager/pages/dashboard/index' },
  { name: 'team', label: '团队与二维码', url: '/manager/pages/team/index' },
  { name: 'stores', label: '门店管理', url: '/manager/pages/stores/index' },
  { name: 'groups', label: '社群活码', url: '/manager/pages/groups/index' },
  { name: 'repurchase', label: '复购分析', url: '/manager/pages/repurchase/index' }
]

export default function ManagerOverview() {
  const { state, reload, setState } = useCall('managerOverview', {})
  // The policy is brand-wide: a store manager reads it, only a brand manager (scope null) edits it.
  const session = useCall('session', {})
  const brandWide = session.state.status === 'ok' && session.state.data.staff?.manages === null
  if (state.status !== 'ok') {
    return (
      <View className='page overview'>
        <CallStatus state={state} onRetry={reload} />
      </View>
    )
  }
  const { dayKey, stores, policy } = state.data
  const total = stores.reduce((t, s) => ({ newFans: t.newFans + s.newFansToday, visits: t.visits + s.visitsToday, fans: t.fans + s.fans }), {
    newFans: 0,
    visits: 0,
    fans: 0
  })

  const savePolicy = async (next: AttributionPolicy): Promise<string | null> => {
    const res = await callFunction('setAttributionPolicy', { policy: next })
    if (!res.ok) return res.message
    setState({ status: 'ok', data: { ...state.data, policy: res.data.policy } })
    return null
  }

  return (
    <View className='page overview'>
      <View className='hero overview-hero'>
        <Text className='hero-title'>今日 {total.newFans} 位新粉</Text>
        <View className='hero-sub'>
          {dayKey}（北京时间） · 到店 {total.visits} 人次 · 累计粉丝 {total.fans}
        </View>
      </View>
      <View className='card overview-stores'>
        <View className='section-title'>各门店今日数据</View>
        <View className='overview-table'>
          <View className='overview-tr overview-th'>
            <Text className='overview-td overview-td-name'>门店</Text>
            <Text className='overview-td'>新粉</Text>
            <Text className='overview-td'>到店</Text>
            <Text className='overview-td'>累计粉丝</Text>
          </View>
          {stores.map((s) => (
            <View key={s.storeId} className='overview-tr overview-store-row'>
              <Text className='overview-td overview-td-name'>{s.name}</Text>
              <Text className='overview-td overview-new-fans'>{s.newFansToday}</Text>
              <Text className='overview-td overview-visits'>{s.visitsToday}</Text>
              <Text className='overview-td'>{s.fans}</Text>
            </View>
          ))}
          {stores.length === 0 ? <Text className='muted'>还没有门店</Text> : null}
        </View>
      </View>
      {brandWide ? <PolicyForm value={policy} onSave={savePolicy} /> : <PolicySummary value={policy} />}
      <NavButtons links={LINKS} />
    </View>
  )
}
