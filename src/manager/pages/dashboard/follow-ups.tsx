import { Text, View } from '@tarojs/components'
import { useCall } from '../../../hooks/useCall'

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

/**
 * 导购跟进: follow-ups due now and done in the last 30 days per staff member, and the repurchase rate of
 * followed-up fans against the rest. Its own call: the dashboard's counters stay as fast as they are.
 */
export default function FollowUpsPanel({ storeId }: { storeId?: string }) {
  const { state } = useCall('followUpStats', storeId ? { storeId } : {})
  if (state.status !== 'ok') return null
  const s = state.data
  return (
    <View className='card dashboard-follow-ups'>
      <View className='section-title'>导购跟进（近 {s.days} 天）</View>
      <View className='row follow-ups-compare'>
        <Text className='follow-ups-followed'>
          跟进过的顾客复购率 {pct(s.followedUp.rate)}（{s.followedUp.repurchased}/{s.followedUp.fans}）
        </Text>
      </View>
      <View className='row'>
        <Text className='muted follow-ups-rest'>
          其他顾客 {pct(s.rest.rate)}（{s.rest.repurchased}/{s.rest.fans}）
        </Text>
      </View>
      <View className='row muted'>
        <Text>导购</Text>
        <Text>待跟进 / 已跟进</Text>
      </View>
      {s.staff.map((r) => (
        <View key={r.staffId} className={`row follow-ups-staff follow-ups-${r.staffId}`}>
          <Text>{r.name}</Text>
          <Text className='follow-ups-counts'>
            {r.due} / {r.done}
          </Text>
        </View>
      ))}
      {s.capped ? <Text className='muted'>部分导购顾客较多，待跟进数为下限</Text> : null}
    </View>
  )
}
